import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { createServiceClient } from '../shared/service';
import { triggerParameters } from '../shared/triggerParameters';
import { POLL_TIMEOUT_MS } from './client';
import { clientIdOf } from './conversation';
import { conversationInput, conversationProperties } from './parameters';
import { IDLE_MS, Lifetime, OutageReport, backoff, eventFilter, eventItems, followChat } from './follow';
import { eventsInput, eventsProperty } from './parameters';
import { servicePatternService } from './service';

/** What survives a restart (in the workflow's static data): the chat being followed. */
interface FollowState extends IDataObject {
	chatId?: string;
}

const parametersSchema = z.object({ ...conversationInput, events: eventsInput });

export class ServicePatternTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ServicePattern Trigger',
		name: 'servicePatternTrigger',
		icon: { light: 'file:servicePattern.svg', dark: 'file:servicePattern.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"conversation " + ($parameter["conversationKey"] || $parameter["clientId"])}}',
		description: 'Starts the workflow when the contact center sends an event in a conversation’s chat, such as an agent’s message',
		defaults: { name: 'ServicePattern Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'servicePatternApi', required: true }],
		properties: [
			...conversationProperties,
			eventsProperty,
			{
				displayName:
					'The trigger follows the conversation’s active chat: it waits for one to be requested (e.g. by a ServicePattern node), holds one request for new events open at a time, and stops following a chat when it ends, ready for the next.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const parameters = triggerParameters(
			this,
			[...conversationProperties, eventsProperty],
			parametersSchema,
			{
				conversation: this.getNodeParameter('conversation'),
				conversationKey: this.getNodeParameter('conversationKey', ''),
				clientId: this.getNodeParameter('clientId', ''),
				events: this.getNodeParameter('events'),
			},
			'a conversation and at least one event',
		);
		const matching = eventFilter(parameters.events);
		const clientId = clientIdOf(parameters);
		const { client, redactor } = await createServiceClient(this, servicePatternService, { timeoutMs: POLL_TIMEOUT_MS });
		const state = this.getWorkflowStaticData('node') as FollowState;
		const lifetime = new Lifetime();
		const outage = new OutageReport(this, redactor, 'ServicePattern Trigger');

		const follow = async () => {
			let failures = 0;
			while (!lifetime.stopped) {
				if (!state.chatId) {
					try {
						const active = await client.activeChat(clientId);
						outage.recovered();
						failures = 0;
						if (typeof active?.chat_id !== 'string') {
							await lifetime.pause(IDLE_MS);
							continue;
						}
						state.chatId = active.chat_id;
					} catch (error) {
						if (lifetime.stopped) return;
						outage.failed(error);
						await lifetime.pause(backoff(++failures));
						continue;
					}
				}
				const chatId = state.chatId;
				const end = await followChat({
					client,
					clientId,
					chatId,
					lifetime,
					outage,
					onEvents: (events) => {
						const wanted = matching(events, chatId);
						if (wanted.length > 0) this.emit([this.helpers.returnJsonArray(eventItems(wanted, { clientId, chatId }))]);
					},
				});
				// Ended, or gone (ended elsewhere, timed out): follow the conversation's next chat.
				if (end !== 'stopped') delete state.chatId;
			}
		};
		const following = follow();

		return {
			closeFunction: async () => {
				lifetime.stop();
				await following;
			},
		};
	}
}
