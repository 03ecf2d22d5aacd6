import {
  InfluencerRelationships,
  KeyPersonRoles,
  type CaseDto,
  type InfluencerRelationship,
  type KeyPersonBody,
  type KeyPersonRole,
} from '@redress/contract';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import { caseApi } from './case-api.ts';
import { ErrorText, Panel, useAction } from './case-ui.tsx';

export interface Person {
  id: string;
  name: string;
}

interface KeyPeopleProps {
  caseDto: CaseDto;
  /** Colleagues who can be named as an internal key person. */
  colleagues: readonly Person[];
  nameOf: (userId: string) => string;
  onChanged: () => void;
}

const AddKeyPerson = ({ caseDto, colleagues, onChanged }: Omit<KeyPeopleProps, 'nameOf'>) => {
  const { t } = useTranslation();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<KeyPersonRole>('influencer');
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [relationship, setRelationship] = useState<InfluencerRelationship | ''>('');
  const [contact, setContact] = useState('');
  const [consent, setConsent] = useState(false);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const action = useAction(onChanged);
  const internal = role !== 'influencer';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const gaps = internal
      ? userId
        ? []
        : ['user']
      : [...(name.trim() ? [] : ['name']), ...(relationship ? [] : ['relationship'])];
    setMissing(gaps);
    if (gaps.length > 0) return;
    const body: KeyPersonBody = internal
      ? { role, userId, ...(note.trim() ? { note: note.trim() } : {}) }
      : {
          role,
          name: name.trim(),
          ...(relationship ? { relationship } : {}),
          ...(contact.trim() ? { contact: contact.trim() } : {}),
          consent,
          ...(note.trim() ? { note: note.trim() } : {}),
        };
    if (await action.run(() => caseApi.addKeyPerson(caseDto.id, body))) {
      setOpen(false);
      setName('');
      setUserId('');
      setRelationship('');
      setContact('');
      setConsent(false);
      setNote('');
    }
  };

  if (!open) {
    return (
      <button type="button" className="button-quiet" onClick={() => setOpen(true)}>
        {t('case.keyPeople.add')}
      </button>
    );
  }
  return (
    <form className="case-form" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={`${formId}-role`}>{t('case.keyPeople.role')}</label>
      <select id={`${formId}-role`} value={role} onChange={(e) => setRole(e.target.value as KeyPersonRole)}>
        {KeyPersonRoles.map((value) => (
          <option key={value} value={value}>
            {t(`case.keyPeople.roles.${value}`)}
          </option>
        ))}
      </select>
      {internal ? (
        <>
          <label htmlFor={`${formId}-user`}>{t('case.keyPeople.colleague')}</label>
          <select
            id={`${formId}-user`}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            aria-invalid={missing.includes('user') || undefined}
          >
            <option value="">{t('case.form.choose')}</option>
            {colleagues.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
          {missing.includes('user') && <p className="field-error">{t('case.keyPeople.colleagueRequired')}</p>}
        </>
      ) : (
        <>
          <label htmlFor={`${formId}-name`}>{t('case.keyPeople.name')}</label>
          <input
            id={`${formId}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={missing.includes('name') || undefined}
          />
          {missing.includes('name') && <p className="field-error">{t('case.keyPeople.nameRequired')}</p>}
          <label htmlFor={`${formId}-relationship`}>{t('case.keyPeople.relationship')}</label>
          <select
            id={`${formId}-relationship`}
            value={relationship}
            onChange={(e) => setRelationship(e.target.value as InfluencerRelationship | '')}
            aria-invalid={missing.includes('relationship') || undefined}
          >
            <option value="">{t('case.form.choose')}</option>
            {InfluencerRelationships.map((value) => (
              <option key={value} value={value}>
                {t(`case.keyPeople.relationships.${value}`)}
              </option>
            ))}
          </select>
          {missing.includes('relationship') && (
            <p className="field-error">{t('case.keyPeople.relationshipRequired')}</p>
          )}
          <label htmlFor={`${formId}-contact`}>{t('case.keyPeople.contact')}</label>
          <input id={`${formId}-contact`} value={contact} onChange={(e) => setContact(e.target.value)} />
          <label className="case-check">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
            {t('case.keyPeople.consent')}
          </label>
        </>
      )}
      <label htmlFor={`${formId}-note`}>{t('case.keyPeople.note')}</label>
      <textarea id={`${formId}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <ErrorText error={action.error} />
      <div className="case-form-actions">
        <button type="submit" className="button-quiet button-main" disabled={action.busy}>
          {t('case.keyPeople.save')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};

/** The first handler, the person with authority and the people who influence the customer (003). */
export const KeyPeople = ({ caseDto, colleagues, nameOf, onChanged }: KeyPeopleProps) => {
  const { t } = useTranslation();
  const can = useCan();
  const people = caseDto.keyPeople ?? [];
  return (
    <Panel id="case-key-people" title={t('case.keyPeople.title')}>
      {people.length === 0 ? (
        <p className="muted">{t('case.keyPeople.none')}</p>
      ) : (
        <ul className="case-list">
          {people.map((person) => (
            <li key={person.id}>
              <strong>{person.name ?? (person.userId ? nameOf(person.userId) : '')}</strong>
              {' · '}
              {t(`case.keyPeople.roles.${person.role}`)}
              {person.relationship && <> · {t(`case.keyPeople.relationships.${person.relationship}`)}</>}
              {person.contact && <> · {person.contact}</>}
              {person.consent !== null && (
                <>
                  {' · '}
                  {person.consent ? t('case.keyPeople.consentGiven') : t('case.keyPeople.noConsent')}
                </>
              )}
              {person.note && <p className="case-note">{person.note}</p>}
            </li>
          ))}
        </ul>
      )}
      {can('case:update') && <AddKeyPerson caseDto={caseDto} colleagues={colleagues} onChanged={onChanged} />}
    </Panel>
  );
};
