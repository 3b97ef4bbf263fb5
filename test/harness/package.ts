/**
 * Loads the package the way n8n loads an installed community package: from dist/, by n8n's own
 * PackageDirectoryLoader, next to a few of n8n's own nodes. The test harness's other parts (workflow
 * runs, credentials, triggers) start from here; together they re-create the few pieces of n8n's
 * nodes-base test harness (packages/core/nodes-testing in n8n-io/n8n, not published).
 */
import 'reflect-metadata';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService, PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers } from 'n8n-workflow';
import type { ICredentialType, INodeType, INodeTypeData, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

export const PACKAGE_DIR = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-contact-center';

/** A few of n8n's own nodes, to put around ours in test workflows. */
const BASE_NODES: Record<string, string> = {
	'n8n-nodes-base.noOp': 'n8n-nodes-base/dist/nodes/NoOp/NoOp.node.js',
	'n8n-nodes-base.manualTrigger': 'n8n-nodes-base/dist/nodes/ManualTrigger/ManualTrigger.node.js',
	'n8n-nodes-base.webhook': 'n8n-nodes-base/dist/nodes/Webhook/Webhook.node.js',
	'n8n-nodes-base.respondToWebhook': 'n8n-nodes-base/dist/nodes/RespondToWebhook/RespondToWebhook.node.js',
	'n8n-nodes-base.if': 'n8n-nodes-base/dist/nodes/If/If.node.js',
	'n8n-nodes-base.filter': 'n8n-nodes-base/dist/nodes/Filter/Filter.node.js',
	'n8n-nodes-base.set': 'n8n-nodes-base/dist/nodes/Set/Set.node.js',
	'n8n-nodes-base.scheduleTrigger': 'n8n-nodes-base/dist/nodes/Schedule/ScheduleTrigger.node.js',
	'n8n-nodes-base.stickyNote': 'n8n-nodes-base/dist/nodes/StickyNote/StickyNote.node.js',
	'n8n-nodes-base.httpRequest': 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
};

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	packageNodeTypes: INodeTypeData;
}

let loaded: Promise<LoadedPackage> | undefined;
let binaryData: Promise<BinaryDataService> | undefined;

/** n8n's binary data store in filesystem mode, in a temporary folder: binary items get IDs and stream, as in n8n. */
export function binaryDataService(): Promise<BinaryDataService> {
	binaryData ??= (async () => {
		const quiet = { error() {}, warn() {}, info() {}, debug() {} };
		const config = {
			mode: 'filesystem',
			availableModes: ['filesystem'],
			localStoragePath: mkdtempSync(path.join(tmpdir(), 'n8n-binary-')),
			signingSecret: 'test-signing-secret',
			dbMaxFileSize: 0,
		};
		const service = new BinaryDataService(config as never, quiet as never, quiet as never);
		await service.init();
		Container.set(BinaryDataService, service);
		return service;
	})();
	return binaryData;
}

/** Puts a file into the binary data store, as an upstream node would; returns the item's binary entry. */
export async function storedBinary(content: Buffer, fileName: string, mimeType: string) {
	const service = await binaryDataService();
	return await service.store({ type: 'execution', workflowId: 'test', executionId: '1' }, content, {
		data: '',
		mimeType,
		fileName,
	});
}

async function load(): Promise<LoadedPackage> {
	await binaryDataService();
	const loader = new PackageDirectoryLoader(PACKAGE_DIR);
	await loader.loadAll();
	const all: INodeTypeData = {};
	for (const [name, data] of Object.entries(loader.nodeTypes)) all[`${PACKAGE_NAME}.${name}`] = data;
	for (const [name, file] of Object.entries(BASE_NODES)) {
		const module = require(file) as Record<string, new () => INodeType>;
		const NodeClass = Object.values(module)[0];
		all[name] = { type: new NodeClass(), sourcePath: file };
	}
	const nodeTypes: INodeTypes = {
		getByName: (type: string): INodeType | IVersionedNodeType => {
			if (!all[type]) throw new Error(`Unknown node type ${type}`);
			return all[type].type;
		},
		getByNameAndVersion: (type: string, version?: number) =>
			NodeHelpers.getVersionedNodeType(nodeTypes.getByName(type), version),
		getKnownTypes: () => ({}),
	};
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const [name, data] of Object.entries(loader.credentialTypes)) credentialTypes[name] = data.type;
	return { nodeTypes, credentialTypes, packageNodeTypes: loader.nodeTypes };
}

export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= load();
	return loaded;
}
