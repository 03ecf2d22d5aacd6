import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddContactBody,
  AddProductBody,
  AuditList,
  ContactParams,
  CreateCustomerBody,
  CustomerDto,
  CustomerList,
  CustomerListQuery,
  CustomerMatches,
  CustomerParams,
  ExternalIdInput,
  ListQuery,
  MatchQuery,
  MergeCustomerBody,
  UpdateCustomerBody,
  ErrorResponses,
} from '@redress/contract';
import { presentAuditEntry, presentCustomer, presentCustomerSummary } from './customer.presenter.ts';
import type { CustomerService } from './customer.service.ts';

const errors = ErrorResponses;
const tags = ['customers'];

/**
 * Customers over HTTP. Personal data: every route needs `customer:read` or more, so a department
 * member gets the same 404 as for a missing route. `GET /customers/:id` is audited.
 */
export const customersRoutes =
  ({ customers }: { customers: CustomerService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/customers',
      {
        config: { access: 'customer:write' },
        schema: {
          tags,
          summary: 'Create a customer',
          description: 'Fails with 409 naming the field when the e-mail, phone or an external id belongs to someone.',
          body: CreateCustomerBody,
          response: { 201: CustomerDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentCustomer(await customers.createCustomer(request.ctx, request.body))),
    );

    app.get(
      '/customers',
      {
        config: { access: 'customer:read' },
        schema: {
          tags,
          summary: 'List or search customers (contacts masked)',
          querystring: CustomerListQuery,
          response: { 200: CustomerList, ...errors },
        },
      },
      async (request) => {
        const page = await customers.listCustomers(request.ctx, request.query);
        return { items: page.items.map(presentCustomerSummary), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/customers/match',
      {
        config: { access: 'customer:read' },
        schema: {
          tags,
          summary: 'Customers an e-mail, phone or external id belongs to, best first',
          querystring: MatchQuery,
          response: { 200: CustomerMatches, ...errors },
        },
      },
      async (request) => {
        const matches = await customers.matchCustomers(request.ctx, request.query);
        return {
          items: matches.map((m) => ({ customer: presentCustomerSummary(m.customer), matchedBy: [...m.matchedBy] })),
        };
      },
    );

    app.get(
      '/customers/:id',
      {
        config: { access: 'customer:read' },
        schema: {
          tags,
          summary: 'One customer in full (audited); a merged id answers with its survivor',
          params: CustomerParams,
          response: { 200: CustomerDto, ...errors },
        },
      },
      async (request) => presentCustomer(await customers.getCustomer(request.ctx, request.params.id)),
    );

    app.patch(
      '/customers/:id',
      {
        config: { access: 'customer:write' },
        schema: {
          tags,
          summary: 'Change name, preferred name, language, what matters or consent',
          params: CustomerParams,
          body: UpdateCustomerBody,
          response: { 200: CustomerDto, ...errors },
        },
      },
      async (request) => presentCustomer(await customers.updateCustomer(request.ctx, request.params.id, request.body)),
    );

    app.post(
      '/customers/:id/contacts',
      {
        config: { access: 'customer:write' },
        schema: {
          tags,
          summary: 'Add an e-mail or phone',
          params: CustomerParams,
          body: AddContactBody,
          response: { 201: CustomerDto, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(presentCustomer(await customers.addContact(request.ctx, request.params.id, request.body))),
    );

    app.delete(
      '/customers/:id/contacts/:kind/:value',
      {
        config: { access: 'customer:write' },
        schema: {
          tags,
          summary: 'Remove an e-mail or phone (the event log keeps it)',
          params: ContactParams,
          response: { 200: CustomerDto, ...errors },
        },
      },
      async (request) =>
        presentCustomer(
          await customers.removeContact(request.ctx, request.params.id, {
            kind: request.params.kind,
            value: request.params.value,
          }),
        ),
    );

    app.post(
      '/customers/:id/external-ids',
      {
        config: { access: 'customer:write' },
        schema: {
          tags,
          summary: 'Add an order or member number',
          params: CustomerParams,
          body: ExternalIdInput,
          response: { 201: CustomerDto, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(presentCustomer(await customers.addExternalId(request.ctx, request.params.id, request.body))),
    );

    app.post(
      '/customers/:id/products',
      {
        config: { access: 'customer:write' },
        schema: {
          tags,
          summary: 'Record a product or order the customer has',
          params: CustomerParams,
          body: AddProductBody,
          response: { 201: CustomerDto, ...errors },
        },
      },
      async (request, reply) => {
        const { customer } = await customers.addProduct(request.ctx, request.params.id, request.body);
        return reply.status(201).send(presentCustomer(customer));
      },
    );

    app.post(
      '/customers/:id/merge',
      {
        config: { access: 'customer:merge' },
        schema: {
          tags,
          summary: 'Merge a duplicate into this customer, keeping all history of both',
          params: CustomerParams,
          body: MergeCustomerBody,
          response: { 200: CustomerDto, ...errors },
        },
      },
      async (request) =>
        presentCustomer(
          await customers.mergeCustomers(request.ctx, request.params.id, request.body.duplicateId, request.body.reason),
        ),
    );

    app.get(
      '/customers/:id/audit',
      {
        config: { access: 'audit:read' },
        schema: {
          tags,
          summary: "Who read or changed this customer's personal data, newest first",
          params: CustomerParams,
          querystring: ListQuery,
          response: { 200: AuditList, ...errors },
        },
      },
      async (request) => {
        const page = await customers.listAudit(request.ctx, request.params.id, request.query);
        return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
      },
    );
  };
