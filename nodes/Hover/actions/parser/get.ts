import { parser, toParser } from '../../schemas';
import { getOperation } from '../common';

export const get = getOperation('parser', { description: 'Get a parser', output: parser, toOutput: toParser });
