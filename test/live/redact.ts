/**
 * What a live run writes and prints has every secret, token, phone number, email address and name
 * replaced, consistently: the same real value always becomes the same stand-in, everywhere (request
 * parameters, paths, bodies, answers, outputs), so a fixture still replays as it was recorded.
 *
 * A stand-in keeps the value's form (a digit stays a digit, a hex letter a hex letter, punctuation
 * stays), so it still passes the operation's validation; it is drawn from a key made for the run,
 * so a stand-in cannot be turned back into the phone number it replaced.
 */
import { createHmac, randomBytes } from 'node:crypto';

export type Kind = 'secret' | 'personal';

/** Fields whose values are secrets wherever they appear: replaced even inside longer text. */
const SECRET_KEY = /token|secret|password|passwd|apikey|appkey|signature|^sign$|cookie|authorization|credential|jwt/;
/** Fields that hold a person's data: names, phone numbers, email addresses, a customer's key. */
const PERSONAL_KEY = /phone|mobile|msisdn|email|nick|name|authid|address|conversationkey|tels?$|^from$/;
const normalisedKey = (key: string) => key.toLowerCase().replace(/[-_\s]/g, '');

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** A phone number inside any text: 7 to 15 digits, maybe a +, spaces, dashes or brackets. */
const PHONE_RUN = /\+?\d[\d\s().-]{5,}\d/g;

/** Not a phone number: a date, or a Unix time in seconds or milliseconds (this century). */
function isPhone(text: string): boolean {
	const digits = text.replace(/\D/g, '');
	if (digits.length < 7 || digits.length > 15) return false;
	if (/^\d{4}-\d\d-\d\d/.test(text) || /\d\d:\d\d/.test(text)) return false;
	if (/^\d+$/.test(text) && /^1\d{9}$|^1\d{12}$/.test(text)) return false;
	return !/^(\d)\1+$/.test(digits);
}

/** A date or time is no one's name, and a stand-in for it would not be a date. */
const DATE = /^\d{4}-\d\d-\d\d|^\d\d?\/\d\d?\/\d\d/;

/** Shorter values are not redacted: nothing that short identifies anyone, and common words would be mangled. */
const MIN_LENGTH = 3;
/** A secret this long is replaced wherever it appears; a shorter one only where it is a whole value. */
const ANYWHERE_LENGTH = 8;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Redaction {
	private readonly key = randomBytes(32);
	private readonly stand = new Map<string, { fake: string; kind: Kind }>();
	private pattern: RegExp | undefined;
	private readonly kept = new Set<string>();

	/** `derived`: values computed from a redacted one that must follow it (ServicePattern's client ID of a conversation key). */
	constructor(private readonly derived: Array<(value: string) => string> = []) {}

	/** Every real value replaced so far (for the check that none of them is left). */
	get secrets(): string[] {
		return [...this.stand].filter(([, { kind }]) => kind === 'secret').map(([real]) => real);
	}

	/** A value that is never replaced (what the run itself names the things it creates). */
	keep(value: string): void {
		this.kept.add(value);
	}

	/** Replaces `real` by `fake` exactly (a base URL by the replay's host). */
	replace(real: string, fake: string, kind: Kind = 'secret'): void {
		if (!real || real === fake || this.stand.has(real)) return;
		this.stand.set(real, { fake, kind });
		this.pattern = undefined;
	}

	/** Registers a value to be replaced by a stand-in of the same form. */
	register(real: string, kind: Kind): void {
		if (real.length < MIN_LENGTH || !/[A-Za-z0-9]/.test(real) || this.stand.has(real) || this.kept.has(real) || DATE.test(real)) return;
		this.replace(real, this.standIn(real), kind);
		const encoded = encodeURIComponent(real);
		if (encoded !== real) this.replace(encoded, encodeURIComponent(this.stand.get(real)!.fake), kind);
		for (const derive of this.derived) this.replace(derive(real), derive(this.stand.get(real)!.fake), kind);
	}

	/** Finds what to replace in a JSON value: by its field names, and by what its text looks like. */
	collect(value: unknown, key = ''): void {
		const field = normalisedKey(key);
		if (typeof value === 'string') {
			if (SECRET_KEY.test(field)) this.register(value, 'secret');
			else if (PERSONAL_KEY.test(field)) this.register(value, 'personal');
			this.collectText(value);
		} else if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e6 && PERSONAL_KEY.test(field)) {
			this.register(String(value), 'personal');
		} else if (Array.isArray(value)) {
			for (const element of value) this.collect(element, key);
		} else if (value && typeof value === 'object') {
			for (const [inner, innerValue] of Object.entries(value)) this.collect(innerValue, inner);
		}
	}

	/** Finds tokens, email addresses and phone numbers inside any text (a path, a message, a form body). */
	collectText(text: string): void {
		for (const [jwt] of text.matchAll(JWT)) this.register(jwt, 'secret');
		for (const [email] of text.matchAll(EMAIL)) this.register(email, 'personal');
		for (const [run] of text.matchAll(PHONE_RUN)) if (isPhone(run.trim())) this.register(run.trim(), 'personal');
	}

	/** The text with every registered value replaced. */
	text(text: string): string {
		const whole = this.stand.get(text);
		if (whole) return whole.fake;
		const pattern = this.replacer();
		return pattern ? text.replace(pattern, (found) => this.stand.get(found)?.fake ?? found) : text;
	}

	/** A JSON value with every registered value replaced, in its strings and its field names. */
	apply<T>(value: T): T {
		if (typeof value === 'string') return this.text(value) as T;
		if (typeof value === 'number' && this.stand.has(String(value))) return Number(this.stand.get(String(value))!.fake) as T;
		if (Array.isArray(value)) return value.map((element) => this.apply(element)) as T;
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, inner]) => [this.text(key), this.apply(inner)])) as T;
		}
		return value;
	}

	/**
	 * One pattern for every value replaced inside longer text, longest first: a secret anywhere; a
	 * person's value and a shorter secret as a whole word only (not inside another word or number).
	 */
	private replacer(): RegExp | undefined {
		if (this.pattern) return this.pattern;
		const entries = [...this.stand].sort(([a], [b]) => b.length - a.length);
		if (!entries.length) return undefined;
		const parts = entries.map(([real, { kind }]) =>
			kind === 'secret' && real.length >= ANYWHERE_LENGTH ? escape(real) : `(?<![A-Za-z0-9])${escape(real)}(?![A-Za-z0-9])`,
		);
		this.pattern = new RegExp(parts.join('|'), 'g');
		return this.pattern;
	}

	/**
	 * A stand-in of the same form: digits for digits, hex letters for hex letters, other letters for
	 * letters. A phone number's digits depend on its digits only, so "+1 555 0001" and "+15550001"
	 * (as a client may send it) become the same number.
	 */
	private standIn(real: string): string {
		const seed = isPhone(real) ? real.replace(/\D/g, '') : real;
		for (let attempt = 0; ; attempt++) {
			const bytes = createHmac('sha256', this.key).update(`${attempt}\u0000${seed}`).digest();
			let index = 0;
			const next = (range: number) => bytes[index++ % bytes.length] % range;
			const fake = [...real]
				.map((char) => {
					if (/[0-9]/.test(char)) return String(next(10));
					if (/[a-f]/.test(char)) return 'abcdef'[next(6)];
					if (/[g-z]/.test(char)) return 'ghijklmnopqrstuvwxyz'[next(20)];
					if (/[A-F]/.test(char)) return 'ABCDEF'[next(6)];
					if (/[G-Z]/.test(char)) return 'GHIJKLMNOPQRSTUVWXYZ'[next(20)];
					return char;
				})
				.join('');
			// A first digit of 0 would make a number change its length once read as one (or a phone number look local).
			if (fake !== real && !this.stand.has(fake) && !(/^\D*[1-9]/.test(real) && /^\D*0/.test(fake))) return fake;
		}
	}
}
