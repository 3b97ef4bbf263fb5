import { ServiceError } from '../../shared/errors';
import type { ServicePatternClient } from '../client';

/** Refuses an operation that exists only in API v2 before anything is sent. */
export function requireV2(client: ServicePatternClient, operation: string) {
	if (client.version !== 'v2') {
		throw new ServiceError(`${operation} needs API version v2`, { description: 'Set API Version to V2 in the ServicePattern credential.' });
	}
}
