import { app, toApp } from '../../schemas';
import { restoreOperation } from '../common';

export const restore = restoreOperation('app', { output: app, toOutput: toApp });
