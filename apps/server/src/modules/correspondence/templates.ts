import type { EmailTemplateKind, Locale } from '@redress/contract';

/**
 * Customer e-mail templates (pure): the placeholders each kind knows, the ones its body must use,
 * and the shipped texts in the four languages. An administrator's saved text replaces a shipped
 * one for its (kind, language); deleting it brings the shipped text back.
 *
 * The texts speak to a person: they say what happens next and when, and give the link. No ritual
 * apology and no "do not reply": a reply to any of these threads back into the case.
 */

export interface EmailTemplate {
  readonly subject: string;
  readonly body: string;
}

/** Every mail knows these. */
const COMMON = ['customerName', 'caseRef', 'caseSubject', 'portalLink'] as const;

/** The placeholders each kind may use. */
export const TEMPLATE_VARIABLES: Readonly<Record<EmailTemplateKind, readonly string[]>> = {
  acknowledgement: [...COMMON, 'hearBackBy'],
  progress_update: [...COMMON, 'message'],
  resolution: [...COMMON, 'resolution'],
  follow_up: [...COMMON, 'problem', 'surveyLink'],
  magic_link: [...COMMON, 'linkExpiresOn'],
  reply: [...COMMON, 'message'],
};

/**
 * Placeholders the body cannot do without. The acknowledgement must say when the customer will
 * hear back (FCA DISP 1.6) and give the private link; the follow-up must say which problem it asks
 * about (a customer with two cases cannot tell otherwise).
 */
export const REQUIRED_VARIABLES: Readonly<Record<EmailTemplateKind, readonly string[]>> = {
  acknowledgement: ['hearBackBy', 'portalLink'],
  progress_update: ['message'],
  resolution: ['resolution'],
  follow_up: ['problem', 'surveyLink'],
  magic_link: ['portalLink'],
  reply: ['message'],
};

/** Kinds sent without a person writing them: marked `Auto-Submitted: auto-generated` (RFC 3834). */
export const AUTOMATIC_KINDS: readonly EmailTemplateKind[] = [
  'acknowledgement',
  'resolution',
  'follow_up',
  'magic_link',
];

type Shipped = Readonly<Record<EmailTemplateKind, Readonly<Record<Locale, EmailTemplate>>>>;

export const SHIPPED_TEMPLATES: Shipped = {
  acknowledgement: {
    en: {
      subject: 'We have your complaint',
      body: [
        'Dear {{customerName}},',
        '',
        'Thank you for telling us what happened. Your complaint is now with our team under reference {{caseRef}}, and a named person is looking after it.',
        '',
        'You will hear from us by {{hearBackBy}}. If we need more time to put things right, we will tell you why and when to expect our answer.',
        '',
        'You can follow your case, read our messages and add anything you have remembered here:',
        '{{portalLink}}',
        '',
        'Or simply reply to this e-mail; your reply goes straight to the people handling your case.',
      ].join('\n'),
    },
    'zh-TW': {
      subject: '我們已收到您的申訴',
      body: [
        '{{customerName}} 您好：',
        '',
        '謝謝您告訴我們發生了什麼事。您的申訴已交由我們的團隊處理，案件編號為 {{caseRef}}，並有專人負責跟進。',
        '',
        '我們會在 {{hearBackBy}} 之前與您聯絡。若需要更多時間妥善處理，我們會告訴您原因以及何時能給您答覆。',
        '',
        '您可以透過以下連結查看案件進度、閱讀我們的訊息，或補充您想到的任何資料：',
        '{{portalLink}}',
        '',
        '您也可以直接回覆這封郵件，您的回覆會直接送到負責您案件的同事手上。',
      ].join('\n'),
    },
    'zh-CN': {
      subject: '我们已收到您的投诉',
      body: [
        '{{customerName}} 您好：',
        '',
        '感谢您告诉我们发生了什么。您的投诉已交由我们的团队处理，案件编号为 {{caseRef}}，并有专人负责跟进。',
        '',
        '我们会在 {{hearBackBy}} 之前与您联系。如果需要更多时间妥善处理，我们会告诉您原因以及何时能给您答复。',
        '',
        '您可以通过以下链接查看案件进度、阅读我们的消息，或补充您想到的任何信息：',
        '{{portalLink}}',
        '',
        '您也可以直接回复这封邮件，您的回复会直接送到负责您案件的同事手上。',
      ].join('\n'),
    },
    th: {
      subject: 'เราได้รับเรื่องร้องเรียนของคุณแล้ว',
      body: [
        'เรียน คุณ{{customerName}}',
        '',
        'ขอบคุณที่เล่าให้เราทราบถึงสิ่งที่เกิดขึ้น ตอนนี้ทีมงานของเรารับเรื่องของคุณไว้แล้วภายใต้หมายเลข {{caseRef}} และมีเจ้าหน้าที่ดูแลเรื่องนี้โดยเฉพาะ',
        '',
        'เราจะติดต่อกลับภายใน {{hearBackBy}} หากต้องใช้เวลามากกว่านั้นเพื่อแก้ไขให้ถูกต้อง เราจะแจ้งเหตุผลและเวลาที่คุณจะได้รับคำตอบ',
        '',
        'คุณสามารถติดตามเรื่อง อ่านข้อความจากเรา และเพิ่มข้อมูลที่นึกขึ้นได้ที่ลิงก์นี้:',
        '{{portalLink}}',
        '',
        'หรือตอบกลับอีเมลนี้ได้เลย ข้อความของคุณจะถึงทีมที่ดูแลเรื่องของคุณโดยตรง',
      ].join('\n'),
    },
  },
  progress_update: {
    en: {
      subject: 'An update on your complaint',
      body: ['Dear {{customerName}},', '', '{{message}}', '', 'Your case, at any time:', '{{portalLink}}'].join('\n'),
    },
    'zh-TW': {
      subject: '您的申訴最新進度',
      body: ['{{customerName}} 您好：', '', '{{message}}', '', '隨時查看您的案件：', '{{portalLink}}'].join('\n'),
    },
    'zh-CN': {
      subject: '您的投诉最新进展',
      body: ['{{customerName}} 您好：', '', '{{message}}', '', '随时查看您的案件：', '{{portalLink}}'].join('\n'),
    },
    th: {
      subject: 'ความคืบหน้าเรื่องร้องเรียนของคุณ',
      body: ['เรียน คุณ{{customerName}}', '', '{{message}}', '', 'ติดตามเรื่องของคุณได้ตลอดเวลาที่:', '{{portalLink}}'].join(
        '\n',
      ),
    },
  },
  resolution: {
    en: {
      subject: 'What we have done about your complaint',
      body: [
        'Dear {{customerName}},',
        '',
        'Here is what we have done:',
        '',
        '{{resolution}}',
        '',
        'If this does not put things right for you, reply to this e-mail and tell us; we will look at it again.',
        '',
        'Your case: {{portalLink}}',
      ].join('\n'),
    },
    'zh-TW': {
      subject: '我們對您申訴的處理結果',
      body: [
        '{{customerName}} 您好：',
        '',
        '以下是我們的處理方式：',
        '',
        '{{resolution}}',
        '',
        '如果這樣仍未解決您的問題，請直接回覆這封郵件告訴我們，我們會重新檢視。',
        '',
        '您的案件：{{portalLink}}',
      ].join('\n'),
    },
    'zh-CN': {
      subject: '我们对您投诉的处理结果',
      body: [
        '{{customerName}} 您好：',
        '',
        '以下是我们的处理方式：',
        '',
        '{{resolution}}',
        '',
        '如果这样仍未解决您的问题，请直接回复这封邮件告诉我们，我们会重新检查。',
        '',
        '您的案件：{{portalLink}}',
      ].join('\n'),
    },
    th: {
      subject: 'สิ่งที่เราได้ดำเนินการกับเรื่องร้องเรียนของคุณ',
      body: [
        'เรียน คุณ{{customerName}}',
        '',
        'นี่คือสิ่งที่เราได้ดำเนินการแล้ว:',
        '',
        '{{resolution}}',
        '',
        'หากยังไม่ได้แก้ไขปัญหาให้คุณ กรุณาตอบกลับอีเมลนี้ แล้วเราจะพิจารณาอีกครั้ง',
        '',
        'เรื่องของคุณ: {{portalLink}}',
      ].join('\n'),
    },
  },
  follow_up: {
    en: {
      subject: 'Did we put it right?',
      body: [
        'Dear {{customerName}},',
        '',
        'You told us: {{problem}}',
        '',
        'We would like to know whether it is now sorted out for you. Two minutes, four questions:',
        '{{surveyLink}}',
        '',
        'If something is still wrong, just reply to this e-mail.',
      ].join('\n'),
    },
    'zh-TW': {
      subject: '問題解決了嗎？',
      body: [
        '{{customerName}} 您好：',
        '',
        '您之前告訴我們：{{problem}}',
        '',
        '想請問現在問題是否已經解決？只需兩分鐘、四個問題：',
        '{{surveyLink}}',
        '',
        '如果還有任何問題，直接回覆這封郵件即可。',
      ].join('\n'),
    },
    'zh-CN': {
      subject: '问题解决了吗？',
      body: [
        '{{customerName}} 您好：',
        '',
        '您之前告诉我们：{{problem}}',
        '',
        '想请问现在问题是否已经解决？只需两分钟、四个问题：',
        '{{surveyLink}}',
        '',
        '如果还有任何问题，直接回复这封邮件即可。',
      ].join('\n'),
    },
    th: {
      subject: 'ปัญหาของคุณได้รับการแก้ไขแล้วหรือยัง',
      body: [
        'เรียน คุณ{{customerName}}',
        '',
        'คุณเคยแจ้งเราว่า: {{problem}}',
        '',
        'เราอยากทราบว่าตอนนี้ปัญหาได้รับการแก้ไขแล้วหรือยัง ใช้เวลาเพียงสองนาที มีสี่คำถาม:',
        '{{surveyLink}}',
        '',
        'หากยังมีสิ่งใดไม่เรียบร้อย ตอบกลับอีเมลนี้ได้เลย',
      ].join('\n'),
    },
  },
  magic_link: {
    en: {
      subject: 'Your link to follow your complaint',
      body: [
        'Dear {{customerName}},',
        '',
        'Here is your private link to case {{caseRef}}. It works until {{linkExpiresOn}}; keep it to yourself, as anyone with it can see the case.',
        '{{portalLink}}',
        '',
        'If you did not ask for this link, you can ignore this e-mail.',
      ].join('\n'),
    },
    'zh-TW': {
      subject: '您的案件專屬連結',
      body: [
        '{{customerName}} 您好：',
        '',
        '這是案件 {{caseRef}} 的專屬連結，有效期限至 {{linkExpiresOn}}。請勿轉給他人，任何持有連結的人都能查看此案件。',
        '{{portalLink}}',
        '',
        '如果您沒有索取這個連結，可以忽略這封郵件。',
      ].join('\n'),
    },
    'zh-CN': {
      subject: '您的案件专属链接',
      body: [
        '{{customerName}} 您好：',
        '',
        '这是案件 {{caseRef}} 的专属链接，有效期至 {{linkExpiresOn}}。请勿转发给他人，任何持有链接的人都能查看此案件。',
        '{{portalLink}}',
        '',
        '如果您没有索取这个链接，可以忽略这封邮件。',
      ].join('\n'),
    },
    th: {
      subject: 'ลิงก์สำหรับติดตามเรื่องร้องเรียนของคุณ',
      body: [
        'เรียน คุณ{{customerName}}',
        '',
        'นี่คือลิงก์ส่วนตัวสำหรับเรื่อง {{caseRef}} ใช้ได้ถึง {{linkExpiresOn}} กรุณาอย่าส่งต่อ เพราะใครก็ตามที่มีลิงก์นี้จะเห็นเรื่องของคุณได้',
        '{{portalLink}}',
        '',
        'หากคุณไม่ได้ขอลิงก์นี้ ไม่ต้องดำเนินการใด ๆ',
      ].join('\n'),
    },
  },
  reply: {
    en: {
      subject: 'About your complaint',
      body: ['Dear {{customerName}},', '', '{{message}}', '', 'Your case: {{portalLink}}'].join('\n'),
    },
    'zh-TW': {
      subject: '關於您的申訴',
      body: ['{{customerName}} 您好：', '', '{{message}}', '', '您的案件：{{portalLink}}'].join('\n'),
    },
    'zh-CN': {
      subject: '关于您的投诉',
      body: ['{{customerName}} 您好：', '', '{{message}}', '', '您的案件：{{portalLink}}'].join('\n'),
    },
    th: {
      subject: 'เกี่ยวกับเรื่องร้องเรียนของคุณ',
      body: ['เรียน คุณ{{customerName}}', '', '{{message}}', '', 'เรื่องของคุณ: {{portalLink}}'].join('\n'),
    },
  },
};

/** A placeholder: `{{name}}`, spaces allowed inside the braces. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** A problem with a template an administrator wants to save, for `details`. */
export interface TemplateProblem {
  readonly field: '/body/subject' | '/body/body';
  readonly message: string;
}

const problemsIn = (
  field: TemplateProblem['field'],
  text: string,
  known: readonly string[],
): { problems: TemplateProblem[]; used: Set<string> } => {
  const problems: TemplateProblem[] = [];
  const used = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (known.includes(name)) used.add(name);
    else problems.push({ field, message: `unknown placeholder {{${name}}}; known: ${known.join(', ')}` });
  }
  // Braces left over after the placeholders are taken out are a typo (`{{name}`, `{{ 1x }}`).
  if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) {
    problems.push({ field, message: 'has "{{" or "}}" that is not a {{placeholder}}' });
  }
  return { problems, used };
};

/**
 * What is wrong with a template for `kind`: unknown or malformed placeholders, a required one
 * missing from the body, a subject spanning lines. Empty when it can be saved.
 */
export const templateProblems = (kind: EmailTemplateKind, template: EmailTemplate): TemplateProblem[] => {
  const known = TEMPLATE_VARIABLES[kind];
  const subject = problemsIn('/body/subject', template.subject, known);
  const body = problemsIn('/body/body', template.body, known);
  const problems = [...subject.problems, ...body.problems];
  if (/[\r\n]/.test(template.subject)) problems.push({ field: '/body/subject', message: 'must be one line' });
  if (template.subject.trim() === '') problems.push({ field: '/body/subject', message: 'must not be empty' });
  for (const name of REQUIRED_VARIABLES[kind]) {
    if (!body.used.has(name)) problems.push({ field: '/body/body', message: `must use {{${name}}}` });
  }
  return problems;
};
