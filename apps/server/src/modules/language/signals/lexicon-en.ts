import { rule, type LexiconEntry } from './lexicon-entry.ts';

/**
 * English rules. How they keep "the same words in another role" out (SIGNALS.md): a request for a
 * manager needs a request verb and a determiner that points at the company ("your", "a"), never
 * "my"; a lawsuit needs the customer as the subject ("I will sue", "sue you", "my lawyer will");
 * "tax refund" is looked behind for; "police" or "reporter" alone say nothing, only an action does
 * ("call the police", "contact the press"). Confidence: an explicit demand or threat 0.85–0.95,
 * a strong word on its own 0.7–0.8, a weaker or ambiguous cue 0.55–0.65.
 */

const BOSS =
  '(?:supervisor|manager|boss|superior|executive|ceo|director|someone (?:senior|higher up|in charge)|somebody (?:senior|in charge)|head of)';

const en = (
  signal: LexiconEntry['signal'],
  text: string,
  confidence: number,
  options?: { negatable?: boolean; needs?: 'intent' },
): LexiconEntry => rule('en', signal, 'pattern', text, confidence, options);

export const ENGLISH_LEXICON: readonly LexiconEntry[] = [
  // anger: strong anger or exasperation, not disappointment.
  en(
    'anger',
    "\\b(?:sick and tired|fed up|furious|outraged|livid|infuriat\\w*|(?:so|very|really|extremely|beyond) (?:angry|mad)|(?:i'm|i am) (?:angry|fuming|seething)|pissed off|enraged|fuming|had enough|disgusted)\\b",
    0.85,
  ),
  en(
    'anger',
    "\\b(?:f+u+c+k\\w*|wtf|ffs|bullshit|damn you|screw you|shit(?:ty)?|what the hell|for god'?s sake)\\b",
    0.8,
  ),
  // insult: the company or its staff called names.
  en(
    'insult',
    "\\b(?:you(?:'re| are)?|your (?:company|staff|people|shop|store|bank|agents?|team)|this company|bunch of|such|you lot)\\b[^.!?]{0,25}\\b(?:liars?|cheat(?:s|ers?)?|scammers?|crooks?|idiots?|useless|incompetent|frauds?|thie(?:f|ves)|morons?|clowns|criminals?|con artists?)\\b",
    0.9,
  ),
  en(
    'insult',
    '\\b(?:rip-?off|ripped (?:me|us) off|scammed (?:me|us)|robbed (?:me|us)|daylight robbery|(?:a|total|complete|such a) scam|bloody useless)\\b',
    0.85,
  ),
  // manager_request: a supervisor of the company, asked for now or before.
  en(
    'manager_request',
    `\\b(?:speak|talk|speaking|talking)\\s+(?:to|with)\\s+(?:a|an|your|the|some)?\\s*${BOSS}`,
    0.9,
    {
      negatable: true,
    },
  ),
  en(
    'manager_request',
    `\\b(?:ask(?:ed|ing)? for|demand(?:ed|ing)?|request(?:ed|ing)?|want|need|get me|put me through to|transfer me to|where is|escalate (?:this|it|my \\w+) to)\\s+(?:a|an|your|the)\\s+${BOSS}`,
    0.9,
    { negatable: true },
  ),
  en('manager_request', '\\b(?:please |i want (?:you )?to |i demand (?:you )?(?:to )?)escalate\\b', 0.8),
  // media_threat: going public.
  en(
    'media_threat',
    '\\b(?:(?:post|posting|share|sharing|tweet|tweeting) (?:this|it|about)|go(?:ing)? (?:public|viral)|(?:contact|call|tell|go to|talk to|tip off|write to)(?:ing)? (?:the )?(?:press|media|news(?:papers?)?|journalists?|reporters?)|(?:leave|leaving|write|writing|give|giving|post|posting) (?:you |a |an )?(?:bad|negative|terrible|scathing|honest|1[- ]star|one[- ]star) reviews?|all over (?:social media|facebook|twitter|instagram|tiktok|yelp|trustpilot|reddit)|tell (?:everyone|all my friends)|warn (?:everyone|others|people)|expose you)\\b',
    0.9,
    { negatable: true },
  ),
  en(
    'media_threat',
    '\\b(?:post|write|share)\\b[^.!?]{0,20}\\b(?:on|to) (?:facebook|twitter|instagram|tiktok|reddit|yelp|trustpilot|google)\\b',
    0.85,
    {
      negatable: true,
      needs: 'intent',
    },
  ),
  // regulator_threat: reported, or will report, to an authority.
  en(
    'regulator_threat',
    '\\b(?:cfpb|bbb|better business bureau|attorney general|ftc|fcc|trading standards|ombudsman|consumer protection|ofcom|ofgem|fca|regulators?|department of transportation|dot complaint|consumer council|report(?:ed|ing)? (?:you|this|it) to|file (?:a )?complaint with|filed (?:a )?complaint with|(?:call|calling|called|contact|contacting|contacted|involve|involving|go to|going to|went to) the (?:police|cops)|police report)\\b',
    0.9,
    { negatable: true },
  ),
  // legal_threat: the customer suing or preparing to.
  en(
    'legal_threat',
    "\\b(?:(?:i|we)(?:'ll| will| am going to|'m going to| are going to| plan to| intend to| shall)? (?:sue|be suing)|sue you|suing you|(?:my|our) (?:lawyers?|attorneys?|solicitors?)(?! general)|(?:get|getting|hire|hiring|call|calling|contact|contacting|consult|consulting|involve|involving|see|seeing|speak to|speaking to|talk to|talking to)(?: to)? (?:a|an|my|our) (?:lawyer|attorney|solicitor)|legal action|small claims|take (?:you|this|it) to court|see you in court|class action|lawsuit)\\b",
    0.9,
    { negatable: true },
  ),
  // refund_demand: money back (not a tax refund).
  en(
    'refund_demand',
    '(?<!tax )\\b(?:refund(?:ed)?(?! polic| terms| rules| period| window)|money back|reimburse(?:ment|d)?|charge ?back|return (?:of )?my money)\\b',
    0.85,
    { negatable: true },
  ),
  // replacement_demand: the product returned, exchanged, replaced or repaired.
  en(
    'replacement_demand',
    '\\b(?:replace(?:ment|d)?|exchange (?:it|this|the|for)|swap (?:it|this)|return (?:it|this|the (?:car|product|item|phone|unit|goods))|send (?:it|this) back|repair (?:it|this|my)|new one)\\b',
    0.8,
    { negatable: true },
  ),
  // compensation_demand: more than a refund.
  en(
    'compensation_demand',
    '\\b(?:compensat(?:e|ion|ed)|damages|for (?:my|our) (?:losses|trouble|time|inconvenience)|goodwill|make (?:it|this) up to)\\b',
    0.85,
    { negatable: true },
  ),
  // repeat_contact: contacted before, still unresolved.
  en(
    'repeat_contact',
    '\\b(?:called|emailed|contacted|written|wrote|phoned|messaged|chased|complained|reached out|rang)\\b[^.!?]{0,25}\\b(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|countless|dozens? of) times\\b',
    0.9,
  ),
  en(
    'repeat_contact',
    "\\b(?:(?:second|third|fourth|fifth|\\d+(?:st|nd|rd|th)) time|again and again|over and over|times already|yet again|keep (?:calling|getting)|no one (?:has )?(?:called|gotten|got|written) back|still (?:haven't|have not|hasn't|has not) (?:heard|had a reply|been (?:fixed|resolved|sorted))|still no (?:reply|response|answer))\\b",
    0.8,
  ),
  // safety_risk: injury, illness or danger.
  en(
    'safety_risk',
    '\\b(?:food poisoning|injur(?:ed|y|ies)|hurt (?:me|my|him|her|us)|burn(?:ed|t|s)? (?:me|my|him|her)|caught fire|on fire|smoke came|explod\\w*|electric shock|shocked me|hospital(?:ised|ized)?|emergency room|(?:got|was|became|fell|made (?:me|us|him|her)) (?:very |so |really )?(?:sick|ill)|vomit\\w*|diarrh?o?ea|allergic reaction|brakes? (?:failed|failure)|unsafe|dangerous|hazard\\w*|bleeding|choked?|sparks? (?:came|flew)|glass in)\\b',
    0.85,
  ),
  // churn_threat: leaving because of this.
  en(
    'churn_threat',
    "\\b(?:never (?:again|coming back|buy\\w*|shop\\w*|use|using|fly\\w*|order\\w*)|cancel(?:led|ling)? (?:my|the|our) (?:account|subscription|contract|membership|card|service|policy|plan)|clos(?:e|ed|ing) my account|switch(?:ing|ed)? to (?:another|a different|\\w+ instead)|take my business elsewhere|won't be back|lost (?:a|another) customer|last time i (?:buy|order|use|shop|fly)|done with you)\\b",
    0.85,
  ),
  // urgency: explicit time pressure.
  en(
    'urgency',
    '\\b(?:asap|as soon as possible|urgent(?:ly)?|immediately|right away|right now|(?:by|before|end of|within) (?:today|tonight|tomorrow|\\d+ hours?))\\b',
    0.8,
  ),
];
