/**
 * The generated part of docs/live.md: each service's variables (from its credential's fields) and
 * what each operation does in a live run (from test/live/plan.ts), so the page cannot drift from them.
 */
import type { ICredentialType } from 'n8n-workflow';

import { EXAMPLES, SERVICES, exampleName } from '../harness/operations';
import { credentialFields, dataEnvName, envName, requiredFields, writeName } from './config';
import { LIVE_PLAN } from './plan';

export const BEGIN = '<!-- generated from test/live (plan.ts and the credentials): UPDATE_DOCS=1 npx jest test/docs/live-docs.test.ts -->';
export const END = '<!-- end of generated part -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function liveDocsTables(credentialTypes: Record<string, ICredentialType>): string {
	const lines: string[] = [BEGIN, '', '### Variables', '', '| service | variables (needed in bold) | test data (`' + dataEnvName('hover').replace('HOVER', '<SERVICE>') + '`) |', '|---|---|---|'];
	for (const entry of SERVICES) {
		const type = credentialTypes[entry.service.credentialType];
		const required = new Set(requiredFields(type).filter((property) => property.default === '' || property.default === 0).map((property) => property.name));
		const variables = credentialFields(type).map((property) => {
			const name = `\`${envName(entry.key, property.name)}\``;
			return required.has(property.name) ? `**${name}**` : name;
		});
		const needs = [...new Set(EXAMPLES.filter((example) => example.service === entry.key).flatMap((example) => LIVE_PLAN[exampleName(example)]?.needs ?? []))];
		lines.push(`| ${entry.title} | ${variables.join(', ')} | ${needs.length ? needs.map((need) => `\`${need}\``).join(', ') : 'none needed'} |`);
	}
	lines.push('', '### Operations', '', '| operation | kind | test data it needs | what it writes and how that is undone; for a read, what it needs |', '|---|---|---|---|');
	for (const example of EXAMPLES) {
		const key = exampleName(example);
		const plan = LIVE_PLAN[key];
		if (!plan) {
			lines.push(`| \`${writeName(key)}\` | not classified | | |`);
			continue;
		}
		const needs = (plan.needs ?? []).map((need) => `\`${need}\``).join(', ');
		const notes = plan.kind === 'write' ? plan.cleanup : (plan.note ?? 'Nothing is written');
		lines.push(`| \`${writeName(key)}\` | ${plan.kind} | ${needs} | ${cell(notes)} |`);
	}
	lines.push('', END);
	return lines.join('\n');
}
