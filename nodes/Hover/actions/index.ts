import { defineActions } from '../../shared/operation';
import type { HoverClient } from '../client';
import { hoverService } from '../service';
import { archive as archiveAction } from './action/archive';
import { create as createAction } from './action/create';
import { get as getAction } from './action/get';
import { list as listActions } from './action/list';
import { listParsers } from './action/listParsers';
import { restore as restoreAction } from './action/restore';
import { update as updateAction } from './action/update';
import { archive as archiveApp } from './app/archive';
import { create as createApp } from './app/create';
import { get as getApp } from './app/get';
import { restore as restoreApp } from './app/restore';
import { update as updateApp } from './app/update';
import { archive as archiveParser } from './parser/archive';
import { create as createParser } from './parser/create';
import { get as getParser } from './parser/get';
import { restore as restoreParser } from './parser/restore';
import { update as updateParser } from './parser/update';

export const hoverActions = defineActions<HoverClient>({
	service: hoverService,
	resources: [
		{ value: 'action', name: 'Action', description: 'USSD and SIM menu paths your app runs' },
		{ value: 'parser', name: 'Parser', description: 'Regexes that read the replies of an action' },
		{ value: 'app', name: 'App', description: 'Android apps that run actions and receive their transactions' },
	],
	operations: [
		listActions,
		getAction,
		createAction,
		updateAction,
		archiveAction,
		restoreAction,
		listParsers,
		createParser,
		getParser,
		updateParser,
		archiveParser,
		restoreParser,
		createApp,
		getApp,
		updateApp,
		archiveApp,
		restoreApp,
	],
});
