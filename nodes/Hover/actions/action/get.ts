import { action, toAction } from '../../schemas';
import { actionLocator, archiveOperations, getOperation } from '../common';

const shared = { resource: 'action', label: 'action', path: '/actions', idProperty: actionLocator, output: action, toOutput: toAction };

export const get = getOperation({ ...shared, description: 'Get an action with its steps and operators' });

export const [archive, restore] = archiveOperations(shared);
