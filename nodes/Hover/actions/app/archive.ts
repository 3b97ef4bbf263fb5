import { archiveOperation } from '../common';

export const archive = archiveOperation('app');
