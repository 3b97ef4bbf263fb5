// Free ports for the servers that the tests and the queue stack start (n8n, its task broker, the
// sandbox, PostgreSQL, Redis), picked below the kernel's ephemeral range. A port that `listen(0)`
// handed out and gave back can be handed out again, to another listener or as the local port of an
// outgoing connection, in the seconds before n8n binds it; n8n then fails with EADDRINUSE while
// something else answers on its port. No port below that range is handed out by the kernel.
'use strict';
const { readFileSync } = require('node:fs');
const { createServer } = require('node:net');

function ephemeralRangeStart() {
	try {
		return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
	} catch {
		return 32768;
	}
}

/** Whether nothing listens on the port, on IPv4's loopback and on all addresses (where n8n listens). */
function isFree(port) {
	const probe = (host) =>
		new Promise((resolve) => {
			const server = createServer();
			server.once('error', () => resolve(false));
			server.listen(port, host, () => server.close(() => resolve(true)));
		});
	return probe('127.0.0.1').then((free) => free && probe(undefined));
}

const taken = new Set();

/** `count` distinct free ports, none handed out before by this process. */
async function freePorts(count) {
	const high = ephemeralRangeStart() - 1;
	const low = Math.max(1024, high - 20_000);
	const ports = [];
	for (let tries = 0; ports.length < count; tries++) {
		if (tries > 1000) throw new Error(`No ${count} free ports between ${low} and ${high}`);
		const port = low + Math.floor(Math.random() * (high - low + 1));
		if (taken.has(port) || !(await isFree(port))) continue;
		taken.add(port);
		ports.push(port);
	}
	return ports;
}

module.exports = { freePorts, isFree };
