/** A node's list-search methods (the resource locator's "From List") run as n8n's editor runs them: n8n-core's LoadOptionsContext. */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, INode, INodeListSearchResult, INodeParameters, INodeType, ILoadOptionsFunctions } from 'n8n-workflow';

import { baseAdditionalData } from './additionalData';
import { TestCredentialsHelper } from './credentials';
import { loadPackage } from './package';

export async function listSearch(
	node: Pick<INode, 'type' | 'credentials'> & { parameters: INodeParameters },
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const full: INode = { id: '00000000-0000-4000-8000-0000000000c1', name: 'Node', typeVersion: 1, position: [0, 0], ...node };
	const workflow = new Workflow({ nodes: [full], connections: {}, active: false, nodeTypes });
	// The editor sends the node's parameters as they are (expressions unresolved), as currentNodeParameters.
	const additionalData = baseAdditionalData({ credentialsHelper: new TestCredentialsHelper(credentialTypes, structuredClone(credentials)), currentNodeParameters: node.parameters });
	const context = new LoadOptionsContext(workflow, workflow.getNode('Node')!, additionalData, 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`${node.type} has no list search ${method}`);
	return await search.call(context as unknown as ILoadOptionsFunctions, filter);
}
