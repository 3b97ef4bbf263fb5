import { action, toAction } from '../../schemas';
import { getOperation } from '../common';

export const get = getOperation('action', { description: 'Get an action with its steps and operators', output: action, toOutput: toAction });
