import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CreateLexiconEntryBody, ErrorResponses, IdParams, LexiconDto, LexiconEntryDto } from '@redress/contract';
import { presentLexicon, presentLexiconEntry } from './lexicon.presenter.ts';
import type { LexiconService } from './lexicon.service.ts';

const errors = ErrorResponses;
const tags = ['configuration'];

/** The escalation-signal lexicon: the built-in rules summarised, and an administrator's own entries. */
export const lexiconRoutes =
  ({ lexicon }: { lexicon: LexiconService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/language/lexicon',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'The signal lexicon: built-in rules per signal and language, and added entries',
          response: { 200: LexiconDto, ...errors },
        },
      },
      async (request) => presentLexicon(await lexicon.listLexicon(request.ctx)),
    );
    app.post(
      '/language/lexicon',
      {
        config: { access: 'config:manage', idempotent: true },
        schema: {
          tags,
          summary: 'Add a phrase or a (checked) pattern to a signal',
          body: CreateLexiconEntryBody,
          response: { 201: LexiconEntryDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentLexiconEntry(await lexicon.addEntry(request.ctx, request.body))),
    );
    app.delete(
      '/language/lexicon/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Disable an added lexicon entry',
          params: IdParams,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await lexicon.removeEntry(request.ctx, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
