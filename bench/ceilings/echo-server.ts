// Bench fixture, run as a child process by ceilings/http.ts: the smallest validated Fastify route,
// so the load generator and the server each get a core of their own.
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { fastify } from 'fastify';
import { Type } from 'typebox';

const EchoBody = Type.Object(
  {
    caseId: Type.String({ minLength: 1, maxLength: 64 }),
    channel: Type.Union([Type.Literal('email'), Type.Literal('phone'), Type.Literal('portal')]),
    message: Type.String({ maxLength: 4000 }),
    tags: Type.Array(Type.String({ maxLength: 32 }), { maxItems: 16 }),
    priority: Type.Integer({ minimum: 1, maximum: 5 }),
  },
  { additionalProperties: false },
);

const app = fastify({ logger: false })
  .setValidatorCompiler(TypeBoxValidatorCompiler)
  .withTypeProvider<TypeBoxTypeProvider>();

app.post('/echo', { schema: { body: EchoBody, response: { 200: EchoBody } } }, async (request) => request.body);

const stop = (): void => {
  void app.close().finally(() => process.exit(0));
};
// The parent going away (or asking) ends the fixture; it must never outlive the run.
process.on('disconnect', stop);
process.on('SIGTERM', stop);

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
