// Drives the model gateway with the official OpenAI Node SDK and prints what the SDK saw as one
// JSON line (the last line of output); OpenAiNodeSdkIT asserts on it. Counts every HTTP request
// the SDK sends, so retries are visible.
//   GATEWAY_URL=http://127.0.0.1:8080/v1 GATEWAY_KEY=gak_... FAILING_MODEL=openrouter/x node openai-sdk.mjs
import OpenAI from 'openai';

const baseURL = process.env.GATEWAY_URL;
const apiKey = process.env.GATEWAY_KEY;
const failing = process.env.FAILING_MODEL;

let sent = 0;
const countingFetch = (url, init) => {
  sent += 1;
  return fetch(url, init);
};
const client = (maxRetries) => new OpenAI({ apiKey, baseURL, maxRetries, fetch: countingFetch, timeout: 30_000 });
const question = (model) => ({ model, messages: [{ role: 'user', content: 'How often should I rotate my tyres?' }] });

/** What an SDK call raised: the error class, status, OpenAI fields, requests sent and time taken. */
async function outcome(call) {
  const before = sent;
  const started = Date.now();
  try {
    const value = await call();
    return { ok: true, value, requests: sent - before, millis: Date.now() - started };
  } catch (error) {
    return {
      ok: false,
      errorClass: error.constructor.name,
      status: error.status ?? null,
      type: error.type ?? null,
      code: error.code ?? null,
      param: error.param ?? null,
      retryAfter: error.headers?.get?.('retry-after') ?? null,
      requests: sent - before,
      millis: Date.now() - started,
    };
  }
}

const report = {};

report.chat = await outcome(async () => {
  const completion = await client(0).chat.completions.create(question('balanced'));
  return completion.choices[0].message.content;
});

report.streamed = await outcome(async () => {
  const stream = client(0).chat.completions.stream(question('balanced'));
  const final = await stream.finalChatCompletion();
  return final.choices[0].message.content;
});

report.unknownModel = await outcome(() => client(2).chat.completions.create(question('gpt-4o')));
report.unknownModelStream = await outcome(async () => {
  const stream = await client(2).chat.completions.create({ ...question('gpt-4o'), stream: true });
  for await (const chunk of stream) {
    void chunk;
  }
});
report.outage = await outcome(() => client(1).chat.completions.create(question(failing)));
report.outageStream = await outcome(async () => {
  const stream = await client(0).chat.completions.create({ ...question(failing), stream: true });
  for await (const chunk of stream) {
    void chunk;
  }
});
report.badRequest = await outcome(() => client(2).chat.completions.create({ ...question('balanced'), temperature: 3.5 }));
report.badKey = await outcome(() => new OpenAI({ apiKey: 'gak_not_a_key', baseURL, maxRetries: 2, fetch: countingFetch })
  .models.list());

report.models = await outcome(async () => {
  const ids = [];
  for await (const model of client(0).models.list()) {
    ids.push(model.id);
  }
  return ids;
});
report.retrieved = await outcome(async () => (await client(0).models.retrieve('balanced')).owned_by);

report.embeddings = await outcome(async () => {
  const input = ['Tyre pressure for the front wheels', 'Checking the tyre pressures', 'Pairing a phone over Bluetooth'];
  // The SDK asks for base64 by default and decodes it; the float answer must be the same vectors.
  const base64 = await client(0).embeddings.create({ model: 'bge-small-en-v1.5', input });
  const floats = await client(0).embeddings.create({ model: 'bge-small-en-v1.5', input, encoding_format: 'float' });
  const cosine = (a, b) => a.reduce((sum, x, i) => sum + x * b[i], 0)
    / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0));
  const vectors = floats.data.map((item) => item.embedding);
  return {
    count: base64.data.length,
    dimensions: base64.data[0].embedding.length,
    sameAsFloat: base64.data.every((item, i) => item.embedding.every((x, j) => Math.abs(x - vectors[i][j]) < 1e-6)),
    paraphraseCloser: cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2]),
    promptTokens: floats.usage.prompt_tokens,
    model: floats.model,
  };
});

// Last: use up the key's request rate.
report.rateLimited = await outcome(async () => {
  for (let i = 0; i < 200; i++) {
    await client(0).models.retrieve('extractive');
  }
});

console.log(JSON.stringify(report));
