import { action, toAction } from '../../schemas';
import { restoreOperation } from '../common';

export const restore = restoreOperation('action', { output: action, toOutput: toAction });
