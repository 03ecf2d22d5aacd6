import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  ErrorResponses,
  IdParams,
  PORTAL_TOKEN_HEADER,
  PortalCaseDto,
  PortalComplaintBody,
  PortalComplaintReceiptDto,
  PortalConfigDto,
  PortalConfigQuery,
  PortalLinkRequestBody,
  PortalLinkRequestedDto,
  PortalMessageDto,
  PortalReplyBody,
  PortalSurveyAnswerBody,
  PortalSurveyDto,
} from '@redress/contract';
import type { FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { Type, type TSchema, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { downloadHeaders, fromMultipartError, type IncomingFile, type StagedFiles } from '../attachments/index.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import type { PortalService } from './portal.service.ts';

const TEN_MINUTES_MS = 10 * 60_000;
/** The largest JSON field of a multipart form (the complaint: up to 25,000 characters of text). */
const MAX_FIELD_BYTES = 256 * 1024;
/** Every answer to a link request takes at least this long, found or not, so timing tells nothing. */
const LINK_RESPONSE_FLOOR_MS = 300;

export interface PortalRouteOptions {
  readonly portal: PortalService;
  readonly clock: Clock;
  /** Per client address: complaints, link requests and replies allowed in ten minutes. */
  readonly limits?: { readonly complaints?: number; readonly links?: number; readonly replies?: number };
}

const FileContent = Type.Unsafe<Readable>({ type: 'string', format: 'binary', description: 'The file.' });

const TokenHeaders = Type.Object(
  { [PORTAL_TOKEN_HEADER]: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: true },
);

/** A body checked against its contract schema by hand (multipart fields are JSON text). */
const checked = <S extends TSchema>(schema: S, value: unknown, where: string): Static<S> => {
  if (Value.Check(schema, value)) return value;
  const first = Value.Errors(schema, value)[0];
  const path = first?.instancePath ?? '';
  if (path === '/consent') {
    throw new AppError(ErrorCode.ValidationFailed, 'Please agree that we may handle your details for this complaint', [
      { field: `${where}/consent`, message: 'must be true' },
    ]);
  }
  throw new AppError(
    ErrorCode.ValidationFailed,
    `The form is not complete: ${where}${path} ${first?.message ?? 'is not valid'}`,
    [{ field: `${where}${path}`, message: first?.message ?? 'is not valid' }],
  );
};

const parseJsonField = (text: string | undefined, name: string): unknown => {
  if (text === undefined) {
    throw new AppError(ErrorCode.ValidationFailed, `The form field "${name}" is missing`, [
      { field: `/body/${name}`, message: 'is required' },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(ErrorCode.ValidationFailed, `The form field "${name}" is not JSON`, [
      { field: `/body/${name}`, message: 'is not valid JSON' },
    ]);
  }
};

const isMultipart = (request: FastifyRequest): boolean => request.isMultipart();

/** The file parts of a multipart request, as they arrive; text fields are collected into `fields`. */
async function* partsOf(request: FastifyRequest, fields: Map<string, string>): AsyncGenerator<IncomingFile> {
  for await (const part of request.parts()) {
    if (part.type === 'file') yield { field: part.fieldname, filename: part.filename, content: part.file };
    else fields.set(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
  }
}

/**
 * The customer portal, public: the complaint form's configuration, filing, asking for a link, and
 * — with the `X-Portal-Token` header from a private link — the case, replies, files and the survey.
 * Public writes are limited per client address (in this process), with `Retry-After`.
 */
export const portalRoutes =
  ({ portal, clock, limits = {} }: PortalRouteOptions): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { maxAttachments, maxAttachmentBytes } = portal.limits;
    const multipartLimits = { maxBytes: maxAttachmentBytes, maxFiles: maxAttachments };
    await app.register(multipart, {
      limits: {
        // One byte and one file over are let through, so the attachment service refuses them in words.
        fileSize: maxAttachmentBytes + 1,
        files: maxAttachments + 1,
        fields: 5,
        fieldSize: MAX_FIELD_BYTES,
        parts: maxAttachments + 6,
        headerPairs: 50,
      },
      throwFileSizeLimit: true,
    });
    const limiters = {
      complaints: createRateLimiter({ limit: limits.complaints ?? 10, windowMs: TEN_MINUTES_MS }),
      links: createRateLimiter({ limit: limits.links ?? 5, windowMs: TEN_MINUTES_MS }),
      replies: createRateLimiter({ limit: limits.replies ?? 30, windowMs: TEN_MINUTES_MS }),
    };
    const limit = (limiter: RateLimiter, request: FastifyRequest): void => {
      const verdict = limiter.hit(request.ip, clock.now().getTime());
      if (!verdict.allowed) {
        throw new AppError(ErrorCode.RateLimited, 'Too many requests from here; please try again a little later', [], {
          retryAfterSeconds: verdict.retryAfterSeconds,
        });
      }
    };
    const tokenOf = (request: FastifyRequest): string | undefined => {
      const value = request.headers[PORTAL_TOKEN_HEADER];
      return typeof value === 'string' && value ? value : undefined;
    };

    /**
     * A form's JSON (multipart field `field`, or the whole JSON body) and its staged files. Files are
     * stored and checked as they arrive; any failure removes them.
     */
    const readForm = async <S extends TSchema>(
      request: FastifyRequest,
      schema: S,
      field: string,
    ): Promise<{ body: Static<S>; staged: StagedFiles | null }> => {
      if (!isMultipart(request)) return { body: checked(schema, request.body, '/body'), staged: null };
      const fields = new Map<string, string>();
      let staged: StagedFiles | null = null;
      try {
        staged = await portal.stageFiles(request.ctx, partsOf(request, fields));
        const body = checked(schema, parseJsonField(fields.get(field), field), `/body/${field}`);
        return { body, staged };
      } catch (error) {
        await staged?.discard();
        throw fromMultipartError(error, multipartLimits);
      }
    };

    app.get(
      '/portal/config',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          summary: 'What the complaint form offers: the channel, categories in four languages, limits',
          querystring: PortalConfigQuery,
          response: { 200: PortalConfigDto, ...ErrorResponses },
        },
      },
      async (request) => portal.config(request.query.channel),
    );

    app.post(
      '/portal/complaints',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          summary: 'File a complaint (multipart: `complaint` JSON field + `files`; or JSON)',
          description: `The body is \`PortalComplaintBody\`, either as the whole JSON body or as the multipart field \`complaint\` beside up to ${maxAttachments} files of at most ${maxAttachmentBytes} bytes. All or nothing: a refused file refuses the complaint. The private link is e-mailed; the receipt says where (masked) and when the customer will hear back.`,
          consumes: ['application/json', 'multipart/form-data'],
          response: { 201: PortalComplaintReceiptDto, ...ErrorResponses, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        limit(limiters.complaints, request);
        const { body, staged } = await readForm(request, PortalComplaintBody, 'complaint');
        const filed = await portal.fileComplaint(request.ctx, body, staged);
        if (filed.dropped)
          request.log.warn({ reason: 'honeypot' }, 'portal complaint dropped: the hidden field was filled');
        return reply.status(201).send(filed.receipt);
      },
    );

    app.post(
      '/portal/links',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          summary: 'Send a fresh private link to the e-mail address of the case (always 202)',
          body: PortalLinkRequestBody,
          response: { 202: PortalLinkRequestedDto, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        limit(limiters.links, request);
        const started = performance.now();
        try {
          await portal.requestLink(request.ctx, request.body);
        } catch (error) {
          // The same answer on failure too: an error must not tell a matching pair from another.
          request.log.error({ err: error }, 'portal link request failed');
        }
        const left = LINK_RESPONSE_FLOOR_MS - (performance.now() - started);
        if (left > 0) await sleep(left);
        return reply.status(202).send({ accepted: true });
      },
    );

    app.get(
      '/portal/case',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          summary: 'The case a private link opens (X-Portal-Token)',
          headers: TokenHeaders,
          response: { 200: PortalCaseDto, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return portal.viewCase(tokenOf(request));
      },
    );

    app.post(
      '/portal/case/messages',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          summary: 'Reply on the case (X-Portal-Token; multipart: `message` JSON field + `files`; or JSON)',
          description: 'The body is `PortalReplyBody`, as JSON or as the multipart field `message` beside files.',
          consumes: ['application/json', 'multipart/form-data'],
          headers: TokenHeaders,
          response: { 201: PortalMessageDto, ...ErrorResponses, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        limit(limiters.replies, request);
        const token = tokenOf(request);
        // The link is checked before any byte of a file is read.
        await portal.requireCaseLink(token);
        const { body, staged } = await readForm(request, PortalReplyBody, 'message');
        return reply.status(201).send(await portal.reply(request.ctx, token, body.body, staged));
      },
    );

    app.get(
      '/portal/case/attachments/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          summary: 'A file on the case the link opens (X-Portal-Token)',
          params: IdParams,
          headers: TokenHeaders,
          produces: ['application/octet-stream'],
          response: { 200: FileContent, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const { attachment, content } = await portal.openAttachment(tokenOf(request), request.params.id);
        void reply.headers(downloadHeaders(attachment, { inline: false }));
        return reply.send(content);
      },
    );

    app.get(
      '/portal/survey',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          summary: 'The survey a survey link opens (X-Portal-Token)',
          headers: TokenHeaders,
          response: { 200: PortalSurveyDto, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return portal.viewSurvey(tokenOf(request));
      },
    );

    app.post(
      '/portal/survey',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          summary: 'Answer the survey (X-Portal-Token); 409 when already answered',
          headers: TokenHeaders,
          body: PortalSurveyAnswerBody,
          response: { 200: PortalSurveyDto, ...ErrorResponses },
        },
      },
      async (request) => {
        limit(limiters.replies, request);
        return portal.answerSurvey(request.ctx, tokenOf(request), request.body);
      },
    );
  };
