import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CallBody,
  CaseDto,
  CaseParams,
  CustomerDecisionBody,
  HandoffBody,
  KeyPersonBody,
  LinkBody,
  MergeBody,
  MessageBody,
  NoteBody,
  ResolutionBody,
  TransitionBody,
  ErrorResponses,
} from '@redress/contract';
import { presentCase } from './case.presenter.ts';
import type { CaseService } from './case.service.ts';

const errors = ErrorResponses;

/** The commands on one case; each appends to its timeline and answers with the case. */
export const caseCommandRoutes =
  ({ cases }: { cases: CaseService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const schema = <B>(summary: string, body: B) => ({
      tags: ['cases'],
      summary,
      params: CaseParams,
      body,
      response: { 200: CaseDto, ...errors },
    });

    app.post(
      '/cases/:id/transitions',
      { config: { access: 'case:transition' }, schema: schema('Move the case through its lifecycle', TransitionBody) },
      async (request) => presentCase(await cases.transitionCase(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/handoff',
      { config: { access: 'case:assign' }, schema: schema('Hand the case to a new owner with a summary', HandoffBody) },
      async (request) => presentCase(await cases.handOffCase(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/notes',
      { config: { access: 'case:update' }, schema: schema('Add an internal note', NoteBody) },
      async (request) => presentCase(await cases.addNote(request.ctx, request.params.id, request.body.body)),
    );
    app.post(
      '/cases/:id/messages',
      { config: { access: 'case:update' }, schema: schema('Record an inbound or outbound message', MessageBody) },
      async (request) => presentCase(await cases.recordMessage(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/calls',
      { config: { access: 'case:update' }, schema: schema('Log a phone call: who, when, how long, outcome', CallBody) },
      async (request) => presentCase(await cases.logCall(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/key-people',
      { config: { access: 'case:update' }, schema: schema('Record a key person', KeyPersonBody) },
      async (request) => presentCase(await cases.addKeyPerson(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/links',
      { config: { access: 'case:update' }, schema: schema('Link a related, duplicate or same-cause case', LinkBody) },
      async (request) => presentCase(await cases.linkCases(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/merge',
      { config: { access: 'case:merge' }, schema: schema('Merge a duplicate into this case', MergeBody) },
      async (request) => presentCase(await cases.mergeCase(request.ctx, request.params.id, request.body.duplicateId)),
    );
    app.post(
      '/cases/:id/resolution',
      {
        config: { access: 'case:transition' },
        schema: schema('Record the resolution and its root cause', ResolutionBody),
      },
      async (request) => presentCase(await cases.recordCaseResolution(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/customer-decision',
      {
        config: { access: 'case:transition' },
        schema: schema("Record the customer's acceptance or rejection", CustomerDecisionBody),
      },
      async (request) => presentCase(await cases.recordDecision(request.ctx, request.params.id, request.body)),
    );
  };
