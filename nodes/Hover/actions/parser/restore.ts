import { parser, toParser } from '../../schemas';
import { restoreOperation } from '../common';

export const restore = restoreOperation('parser', { output: parser, toOutput: toParser });
