/**
 * Checks a captured REST body against Discord's limits and the no-pings rule. Returns the
 * violations as readable strings, so a failing test says exactly what broke.
 */
import type { Capture } from './rest.js';

const L = {
	content: 2000,
	embeds: 10,
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	author: 256,
	total: 6000,
	choices: 25,
	choiceText: 100,
	customId: 100,
	label: 80,
	rows: 5,
	perRow: 5,
} as const;

type Json = Record<string, unknown>;

const CALLBACK = { message: 4, deferredMessage: 5, deferredUpdate: 6, update: 7, autocomplete: 8 } as const;

export function violations(capture: Capture): string[] {
	const where = `${capture.method} ${capture.path.replace(/itok-\d+/, 'itok-…')}`;
	return problems(capture).map((p) => `${where}: ${p}`);
}

export function allViolations(captures: readonly Capture[]): string[] {
	return captures.flatMap(violations);
}

function problems(capture: Capture): string[] {
	const body = asObject(capture.body);
	if (capture.kind === 'callback') {
		const type = body.type;
		const data = asObject(body.data);
		if (type === CALLBACK.autocomplete) return choiceProblems(data.choices);
		if (type === CALLBACK.message || type === CALLBACK.update) return messageProblems(data);
		if (type === CALLBACK.deferredMessage || type === CALLBACK.deferredUpdate) return [];
		return [`unexpected callback type ${String(type)}`];
	}
	if (capture.kind === 'edit' || capture.kind === 'followup') return messageProblems(body);
	return [];
}

function messageProblems(data: Json): string[] {
	const out: string[] = [];
	const mentions = asObject(data.allowed_mentions);
	if (!Array.isArray(mentions.parse) || mentions.parse.length !== 0 || 'users' in mentions || 'roles' in mentions) {
		out.push(`allowed_mentions is ${JSON.stringify(data.allowed_mentions)}, want { parse: [] }`);
	}
	if (typeof data.content === 'string' && data.content.length > L.content) out.push(`content ${data.content.length} > ${L.content}`);
	const embeds = Array.isArray(data.embeds) ? data.embeds.map(asObject) : [];
	if (embeds.length > L.embeds) out.push(`${embeds.length} embeds > ${L.embeds}`);
	let total = 0;
	embeds.forEach((embed, i) => {
		const { problems: found, length } = embedProblems(embed);
		out.push(...found.map((p) => `embed ${i}: ${p}`));
		total += length;
	});
	if (total > L.total) out.push(`embeds total ${total} > ${L.total}`);
	out.push(...componentProblems(data.components));
	return out;
}

function embedProblems(embed: Json): { problems: string[]; length: number } {
	const out: string[] = [];
	const check = (label: string, value: unknown, max: number, required = false): number => {
		if (value === undefined && !required) return 0;
		if (typeof value !== 'string') {
			out.push(`${label} is not a string`);
			return 0;
		}
		if (value.length > max) out.push(`${label} ${value.length} > ${max}`);
		if (required && value.trim().length === 0) out.push(`${label} is empty`);
		return value.length;
	};
	let length = check('title', embed.title, L.title) + check('description', embed.description, L.description);
	length += check('footer', asObject(embed.footer).text, L.footer) + check('author', asObject(embed.author).name, L.author);
	const fields = Array.isArray(embed.fields) ? embed.fields.map(asObject) : [];
	if (fields.length > L.fields) out.push(`${fields.length} fields > ${L.fields}`);
	fields.forEach((field, i) => {
		length += check(`field ${i} name`, field.name, L.fieldName, true) + check(`field ${i} value`, field.value, L.fieldValue, true);
	});
	return { problems: out, length };
}

function componentProblems(components: unknown): string[] {
	if (components === undefined) return [];
	if (!Array.isArray(components)) return ['components is not an array'];
	const out: string[] = [];
	if (components.length > L.rows) out.push(`${components.length} rows > ${L.rows}`);
	for (const row of components.map(asObject)) {
		const items = Array.isArray(row.components) ? row.components.map(asObject) : [];
		if (items.length > L.perRow) out.push(`${items.length} components in a row > ${L.perRow}`);
		for (const item of items) {
			if (typeof item.custom_id === 'string' && item.custom_id.length > L.customId) out.push(`custom_id ${item.custom_id.length} > ${L.customId}`);
			if (typeof item.label === 'string' && item.label.length > L.label) out.push(`label ${item.label.length} > ${L.label}`);
		}
	}
	return out;
}

function choiceProblems(choices: unknown): string[] {
	if (!Array.isArray(choices)) return ['autocomplete choices missing'];
	const out: string[] = [];
	if (choices.length > L.choices) out.push(`${choices.length} choices > ${L.choices}`);
	for (const choice of choices.map(asObject)) {
		for (const key of ['name', 'value'] as const) {
			const text = String(choice[key] ?? '');
			if (text.length < 1 || text.length > L.choiceText) out.push(`choice ${key} length ${text.length} not in 1..${L.choiceText}`);
		}
	}
	return out;
}

function asObject(value: unknown): Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
