import { sign } from '../../nodes/Sobot/client';

test('sign is the lowercase hex md5 of appid + create_time + app_key (vectors from md5sum)', () => {
	expect(sign('1', 1569397773, 'my-app-key')).toBe('9107e100cebd1d3deb121a9285e0f203');
	expect(sign('abc', 1700000000, 'K3y')).toBe('7f82dcccdb0bd5af45b58bd5c6dc84f4');
});
