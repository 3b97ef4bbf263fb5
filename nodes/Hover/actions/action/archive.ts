import { archiveOperation } from '../common';

export const archive = archiveOperation('action');
