import { app, toApp } from '../../schemas';
import { getOperation } from '../common';

export const get = getOperation('app', { description: 'Get an app, with its SDK token and webhook settings', output: app, toOutput: toApp });
