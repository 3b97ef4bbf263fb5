/**
 * Runs one bench file (`node --expose-gc bench/run.cjs bench/quick.bench.ts [-t pattern]`) in plain
 * Node, the way n8n itself loads the package: with `require`, in the process's own context. Under
 * Jest every module runs in a vm context, where each lookup of a global (`Object`, `Array`,
 * `Promise`, ...) costs about 145 ns instead of 2–4 ns. That made code with many such lookups per
 * item dearer than it is in n8n: a zod parse (`instanceof Promise` at every schema node) 4–40 times
 * in a loop, 1.5–2.5 times in a bench run (bench/RESULTS.md, 2026-12-04). The bench files keep Jest's shape (beforeAll, test, afterAll,
 * expect(...).toEqual); this gives them those four and nothing else.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

// TypeScript files are compiled one by one, as ts-jest does with isolatedModules.
Module._extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
	});
	module._compile(outputText, filename);
};
// As in Jest, `./services` is services.ts before services.json: the resolver tries these in order.
for (const extension of ['.json', '.node']) {
	const load = Module._extensions[extension];
	delete Module._extensions[extension];
	Module._extensions[extension] = load;
}

let file;
let pattern;
for (let i = 2; i < process.argv.length; i++) {
	const arg = process.argv[i];
	if (arg === '-t' || arg === '--testNamePattern') pattern = new RegExp(process.argv[++i]);
	else file = arg;
}
if (!file) {
	process.stderr.write('usage: node --expose-gc bench/run.cjs <bench file> [-t <name pattern>]\n');
	process.exit(2);
}

const hooks = { beforeAll: [], afterAll: [] };
const tests = [];
Object.assign(globalThis, {
	beforeAll: (fn) => hooks.beforeAll.push(fn),
	afterAll: (fn) => hooks.afterAll.push(fn),
	test: (name, fn) => tests.push({ name, fn }),
	expect: (actual) => ({ toEqual: (expected) => assert.deepStrictEqual(actual, expected) }),
});

async function main() {
	require(path.resolve(__dirname, '../test/setup.ts'));
	require(path.resolve(file));
	const chosen = tests.filter((candidate) => !pattern || pattern.test(candidate.name));
	let failed = 0;
	try {
		for (const hook of hooks.beforeAll) await hook();
		for (const { name, fn } of chosen) {
			const t0 = performance.now();
			try {
				await fn();
				process.stdout.write(`✓ ${name} (${Math.round(performance.now() - t0)} ms)\n`);
			} catch (error) {
				failed++;
				process.stdout.write(`✕ ${name}\n${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
			}
		}
	} finally {
		for (const hook of hooks.afterAll) await hook();
	}
	process.stdout.write(`${chosen.length - failed} passed, ${failed} failed, of ${chosen.length} in ${path.relative(process.cwd(), file)}\n`);
	return failed === 0 && chosen.length > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
		process.exit(1);
	},
);
