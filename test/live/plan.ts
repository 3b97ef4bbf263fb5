/**
 * What a live run may do with each operation, in one place: read-only operations always run;
 * operations that change something in the account (writes) run only when the maintainer names them
 * (LIVE_WRITES), and say how what they wrote is undone. Every operation of every node must be
 * here (test/unit/live-plan.test.ts fails on one that is not).
 *
 * "Read-only" is not the same as `sideEffects: false` (nodes/shared/operation.ts): that says a
 * request may be repeated (an update or an archive is idempotent), not that it changes nothing.
 * Here "read" means that running it against a real account leaves the account as it was.
 *
 * Keys are "<service> <resource>.<operation>", as test/harness/operations.ts names examples.
 */
import type { IDataObject } from 'n8n-workflow';

export type OperationKey = string;

/** What a plan can do during a live run, against one service. */
export interface Live {
	/** The maintainer's test data for this service, by parameter name. */
	data: IDataObject;
	/**
	 * Runs the operation's example through n8n's engine, recorded and checked, with `parameters`
	 * over the example's and the test data's; returns its output items' json.
	 */
	run(key: OperationKey, parameters?: IDataObject): Promise<IDataObject[]>;
	/** A read-only operation's output (run once per run). */
	read(key: OperationKey): Promise<IDataObject[]>;
	/** A write the maintainer named (run once, with its cleanup); otherwise this step is skipped. */
	named(key: OperationKey): Promise<IDataObject[]>;
	/** A write run for the named one (the throwaway action Update changes): once, with its cleanup. */
	setup(key: OperationKey): Promise<IDataObject[]>;
	/** Registers an undo; undos run after the service's operations, the last registered first. */
	cleanup(what: string, undo: () => Promise<unknown>): void;
	/** Stops this step: reported as skipped, with the reason. */
	skip(reason: string): never;
}

export interface ReadPlan {
	kind: 'read';
	/** Parameters that name something in the maintainer's account: given as test data, or found by `find`. */
	needs?: string[];
	/** Finds what `needs` names in the account (the first listed action, ...); the test data wins over what it finds. */
	find?(live: Live): Promise<IDataObject>;
	/** What it needs besides, or how it finds it (docs/live.md shows it). */
	note?: string;
}

export interface WritePlan {
	kind: 'write';
	/** What it changes in the account and how that is undone (docs/live.md shows it). */
	cleanup: string;
	/** Parameters the maintainer must give as test data. */
	needs?: string[];
	/** Runs it and registers its cleanup; by default its example with the test data, nothing to undo. */
	run?(live: Live, key: OperationKey): Promise<void>;
}

export type Plan = ReadPlan | WritePlan;

const read = (plan: Omit<ReadPlan, 'kind'> = {}): ReadPlan => ({ kind: 'read', ...plan });
const write = (plan: Omit<WritePlan, 'kind'>): WritePlan => ({ kind: 'write', ...plan });

/** What live runs create carries this name, so a maintainer can find (and delete) it in the service's console. */
export const LIVE_TEST_NAME = 'n8n live test';

const byId = (value: unknown) => ({ __rl: true, mode: 'id', value: String(value) });

async function first(live: Live, key: OperationKey, field: string, what: string): Promise<string> {
	const found = (await live.read(key))[0]?.[field];
	if (found === undefined || found === null || found === '') live.skip(`${what}: the account has none (${key} found nothing); give it as test data`);
	return String(found);
}

/** What another step gave, or this step skipped with `reason` (it was not named, or did not get that far). */
const orSkip = async (step: Promise<IDataObject[]>, live: Live, reason: string) => await step.catch(() => live.skip(reason));

// ---- Hover: writes work on throwaway resources they create, and archive them (Hover deletes nothing).

const HOVER_KINDS = { action: 'actionId', parser: 'parserId', app: 'appId' } as const;
type HoverKind = keyof typeof HOVER_KINDS;
const hoverId = (kind: HoverKind, id: unknown) => ({ [HOVER_KINDS[kind]]: kind === 'action' ? byId(id) : String(id) });

/** Creates a throwaway resource (a parser on a throwaway action) and archives it at the end. */
const hoverCreate = (kind: HoverKind): WritePlan =>
	write({
		cleanup:
			kind === 'parser'
				? 'Creates a parser on a throwaway action it creates; archives both (Hover deletes nothing; archived ones are hidden and can be restored)'
				: `Archives the ${kind} "${LIVE_TEST_NAME}" it created (Hover deletes nothing; archived ${kind}s are hidden and can be restored)`,
		run: async (live, key) => {
			const on = kind === 'parser' ? hoverId('action', (await live.setup('hover action.create'))[0].id) : {};
			const [created] = await live.run(key, { ...(kind === 'parser' ? {} : { name: LIVE_TEST_NAME }), ...on });
			live.cleanup(`archive the ${kind} it created`, () => live.run(`hover ${kind}.archive`, hoverId(kind, created.id)));
		},
	});

/** Changes, archives or restores only a throwaway resource, archived at the end. */
const hoverChange = (kind: HoverKind, operation: 'update' | 'archive' | 'restore'): WritePlan =>
	write({
		cleanup:
			operation === 'restore'
				? `Archives a throwaway ${kind} it created, restores it, and archives it again at the end`
				: `Only on a throwaway ${kind} it creates${kind === 'parser' ? ' (on a throwaway action)' : ''}, archived at the end`,
		run: async (live, key) => {
			const id = hoverId(kind, (await live.setup(`hover ${kind}.create`))[0].id);
			if (operation === 'restore') await live.run(`hover ${kind}.archive`, id);
			// An update keeps the throwaway's name, so that whatever a failed cleanup leaves is found by it.
			await live.run(key, operation === 'update' && kind !== 'parser' ? { ...id, 'updateFields.name': LIVE_TEST_NAME } : id);
		},
	});

// ---- ServicePattern: a chat reaches the scenario's agents; everything in it runs inside one chat that is ended.

const REQUEST_CHAT = 'servicepattern chat.requestChat';
const inChat = (cleanup = 'Inside the chat Request Chat opens (and ends)'): WritePlan =>
	write({
		cleanup,
		run: async (live, key) => {
			await live.named(REQUEST_CHAT);
			await live.run(key);
		},
	});
const readInChat = (plan: Omit<ReadPlan, 'kind'> = {}): ReadPlan =>
	read({
		note: 'Only inside the chat Request Chat opens (name servicepattern.chat.requestChat)',
		...plan,
		find: async (live) => {
			await live.named(REQUEST_CHAT);
			return (await plan.find?.(live)) ?? {};
		},
	});

const NO_UNDO = "None possible: the service's API cannot undo it";

export const LIVE_PLAN: Record<OperationKey, Plan> = {
	'telspiel call.clickToCall': write({
		needs: ['agentPhone', 'customerPhone'],
		cleanup: 'None possible: both numbers are rung (give your own test phones); telSpiel has no API to cancel a call',
	}),

	'sobot customer.find': read(),
	'sobot customer.search': read(),
	'sobot customer.getCustomFields': read(),
	'sobot customer.create': write({
		cleanup: `None possible: Sobot's open API deletes no customer. It creates (or, with the same phone or email, returns) the customer "${LIVE_TEST_NAME}"; delete it in Sobot's console`,
		run: async (live, key) => void (await live.run(key, { nick: LIVE_TEST_NAME })),
	}),
	'sobot customer.update': write({
		cleanup: 'Sets the remark of the test data customerId (or of the customer Create made) and writes back the remark Find Customer read before; an empty one stays "n8n live test" (the update cannot clear a field)',
		run: async (live, key) => {
			const customerId = live.data.customerId ?? (await orSkip(live.named('sobot customer.create'), live, 'give sobot test data customerId, or name sobot.customer.create too'))[0].userid;
			const [before] = await live.run('sobot customer.find', { searchBy: 'customerId', value: String(customerId) });
			await live.run(key, { customerId: String(customerId), updateFields: { remark: LIVE_TEST_NAME } });
			if (typeof before?.remark === 'string' && before.remark) {
				live.cleanup('write back the remark', () => live.run(key, { customerId: String(customerId), updateFields: { remark: before.remark } }));
			}
		},
	}),
	'sobot ticket.search': read({ note: 'In the example’s dates (November 2026) unless test data gives createdAfter and createdBefore' }),
	'sobot ticket.get': read({ needs: ['ticketId'], note: 'Without test data: the first ticket Ticket Search finds', find: async (live) => ({ ticketId: await first(live, 'sobot ticket.search', 'ticketid', 'ticketId') }) }),
	'sobot ticket.create': write({
		needs: ['typeId', 'customer'],
		cleanup: `None possible: Sobot's open API deletes no ticket; the ticket "${LIVE_TEST_NAME}" stays (close it in Sobot's console)`,
		run: async (live, key) => void (await live.run(key, { title: LIVE_TEST_NAME })),
	}),
	'sobot ticket.addReply': write({
		cleanup: "None possible: Sobot's API deletes no reply. On the ticket Create Ticket made, or on the test data ticketId",
		run: async (live, key) => {
			const ticketId = live.data.ticketId ?? (await orSkip(live.named('sobot ticket.create'), live, 'give sobot test data ticketId, or name sobot.ticket.create too'))[0].ticketid;
			await live.run(key, { ticketId: String(ticketId) });
		},
	}),

	'sobot ticket.getDataDictionary': read(),
	'sobot ticket.uploadAttachment': write({ cleanup: "None possible: Sobot's API deletes no uploaded file; a small test file stays in Sobot's storage, attached to nothing" }),
	'sobot ticket.createAsAgent': write({
		needs: ['typeId', 'customerId', 'createdByAgentId'],
		cleanup: `None possible: Sobot's open API deletes no ticket; the ticket "${LIVE_TEST_NAME}" stays (close it in Sobot's console)`,
		run: async (live, key) => void (await live.run(key, { title: LIVE_TEST_NAME })),
	}),
	'sobot ticket.addAgentReply': write({
		needs: ['replyingAgentId'],
		cleanup: "None possible: Sobot's API deletes no reply, and the reply may set the ticket's status. On the ticket Create as Agent made, or on the test data ticketId",
		run: async (live, key) => {
			const ticketId = live.data.ticketId ?? (await orSkip(live.named('sobot ticket.createAsAgent'), live, 'give sobot test data ticketId, or name sobot.ticket.createAsAgent too'))[0].ticketid;
			await live.run(key, { ticketId: String(ticketId) });
		},
	}),

	'hover action.list': read(),
	'hover action.get': read({ needs: ['actionId'], note: 'Without test data: the first action Hover lists', find: async (live) => ({ actionId: await first(live, 'hover action.list', 'id', 'actionId') }) }),
	'hover action.listParsers': read({ needs: ['actionId'], note: 'Without test data: the first action Hover lists', find: async (live) => ({ actionId: await first(live, 'hover action.list', 'id', 'actionId') }) }),
	'hover action.create': hoverCreate('action'),
	'hover action.update': hoverChange('action', 'update'),
	'hover action.archive': hoverChange('action', 'archive'),
	'hover action.restore': hoverChange('action', 'restore'),
	'hover parser.get': read({ needs: ['parserId'], note: 'Without test data: the first parser of that action', find: async (live) => ({ parserId: await first(live, 'hover action.listParsers', 'id', 'parserId') }) }),
	'hover parser.create': hoverCreate('parser'),
	'hover parser.update': hoverChange('parser', 'update'),
	'hover parser.archive': hoverChange('parser', 'archive'),
	'hover parser.restore': hoverChange('parser', 'restore'),
	'hover app.get': read({ needs: ['appId'], note: 'The package has no operation that lists apps: give one' }),
	'hover app.create': hoverCreate('app'),
	'hover app.update': hoverChange('app', 'update'),
	'hover app.archive': hoverChange('app', 'archive'),
	'hover app.restore': hoverChange('app', 'restore'),

	'servicepattern chat.checkAvailability': read(),
	'servicepattern chat.getExpectedParameters': read(),
	'servicepattern chat.getActiveChat': read(),
	'servicepattern chat.getVersion': read(),
	'servicepattern chat.requestChat': write({
		cleanup: 'Opens a chat in your scenario (agents may see it) and ends it (End Chat) after the operations that need it',
		run: async (live, key) => {
			await live.run(key);
			live.cleanup('end the chat', () => live.run('servicepattern chat.endChat'));
		},
	}),
	'servicepattern chat.getWidgetConfiguration': read(),
	'servicepattern chat.getCaseHistory': readInChat(),
	'servicepattern chat.closeCase': inChat('Closes the case of the chat Request Chat opens (which is then ended); the case stays closed'),
	'servicepattern chat.getNewChatEvents': readInChat(),
	'servicepattern chat.getChatHistory': readInChat(),
	'servicepattern event.sendMessage': inChat(),
	'servicepattern event.sendTyping': inChat(),
	'servicepattern event.sendLocation': inChat(),
	'servicepattern event.sendNavigation': inChat(),
	'servicepattern event.submitFormData': { ...inChat(), needs: ['formRequestId'] },
	'servicepattern event.sendEvent': inChat(),
	'servicepattern file.uploadFile': inChat('Posts a small text file into the chat Request Chat opens (and ends)'),
	'servicepattern file.getFile': readInChat({ note: 'Only inside the chat Request Chat opens: the file Upload File posted (name both)', find: async (live) => ({ fileId: String((await live.named('servicepattern file.uploadFile'))[0].fileId) }), needs: ['fileId'] }),
	'servicepattern file.getAgentProfilePhoto': readInChat({ needs: ['partyId'], note: 'Only inside the chat Request Chat opens; the party ID of an agent of your scenario' }),
	'servicepattern chat.subscribeToPush': inChat('Inside the chat Request Chat opens; the API has no unsubscribe, the subscription ends with the chat'),
	'servicepattern chat.disconnect': inChat('Disconnects the chat Request Chat opens, which is then ended'),
	'servicepattern chat.endChat': write({
		cleanup: 'It is the cleanup of Request Chat: runs whenever that is named',
		run: async (live) => void (await live.named(REQUEST_CHAT)),
	}),

	'haptik user.createOrUpdate': write({ cleanup: `${NO_UNDO} (no user is ever deleted): it creates or updates the user of the test data authId`, needs: ['authId'] }),
	'haptik user.update': write({ cleanup: `${NO_UNDO} (no user is ever deleted): it updates the details of the test data authId`, needs: ['authId'] }),
	'haptik message.send': write({ cleanup: `${NO_UNDO}: the message stays in the test user's conversation, and the bot answers it`, needs: ['authId'] }),
	'haptik message.sendFile': write({ cleanup: `${NO_UNDO}: the file stays in the test user's conversation`, needs: ['authId'] }),
	'haptik chat.getTranscript': read({ needs: ['userName'], note: 'Haptik’s user name of a test user with a conversation (conversationNo, default 1)' }),
	'haptik agentTool.getUser': read({ needs: ['userId'], note: 'The user ID of a test user handed to your agent tool' }),
	'haptik agentTool.listListeners': read({ note: 'The receivers your agent tool has (none needed beforehand)' }),
	'haptik chat.sendFeedback': write({ cleanup: `${NO_UNDO}: the rating stays in the test user's conversation analytics`, needs: ['authId'] }),
	'haptik webhook.reenable': write({ cleanup: 'Re-enables the business’s Bot API webhook: nothing to undo (a live webhook is what it should be)' }),
	'haptik agentTool.sendEvent': write({ cleanup: `${NO_UNDO}: the event reaches the test user's chat`, needs: ['userId'] }),
	'haptik agentTool.sendMessage': write({ cleanup: `${NO_UNDO}: the message reaches the test user`, needs: ['userId'] }),
	'haptik agentTool.handBack': write({ cleanup: 'Hands the test user’s chat back to the bot: itself the undo of a handover', needs: ['userId'] }),
	'haptik chat.moveToAgent': write({ cleanup: `${NO_UNDO}: the test user's chat joins the team's queue; hand it back or close it in the agent tool`, needs: ['userName', 'teamName'] }),
};
