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
  options?: { negatable?: boolean; needs?: 'intent' | 'support' },
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
  // Exasperation said outright: "this is insane!!", the worst service ever, shame on you.
  en(
    'anger',
    '\\b(?:(?:this|that|it) is (?:insane|ridiculous|absurd|a joke|outrageous|unacceptable|beyond (?:a joke|ridiculous))|(?:insane|ridiculous|absurd|outrageous|unbelievable|unacceptable)\\s*!{2,}|shame on (?:you|them)|(?:the )?(?:absolute|very|all-time) worst|worst\\b[^.!?]{0,30}\\b(?:ever|of my life|in history|i have ever)|pisse?[sd]? (?:me|us) off|how dare you|i have had it|had it with (?:you|this))',
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
    // "scammed me" by a private fraudster ("a person … scammed me") is a crime report, not an insult.
    '\\b(?:rip-?off|ripped (?:me|us) off|(?<!\\b(?:he|she|person|guy|man|woman|someone|somebody|fraudster|scammer)\\b[^.!?]{0,20})scammed (?:me|us)|robbed (?:me|us)|daylight robbery|(?:a|total|complete|such a) scam|bloody useless)\\b',
    0.85,
  ),
  // Calling what the company did fraud or lies, or its people liars.
  en(
    'insult',
    "\\b(?:(?:that|this|it)(?: is|'s| was) (?:fraud|fraudulent|a scam|a lie|lies)|lies,? lies|(?:they|you|he|she|agents?|reps?|representatives?|staff|employees?)(?: are| were| is| was| keep| kept)? (?:lying|lied)\\b|a lying|lying (?:to (?:me|us|customers|consumers)|company|bank|agents?|reps?)|bunch of (?:crooks|thieves|liars|clowns|idiots)|#incompetent|bozos|(?:bigger|biggest|such|total|real|complete) (?:dicks?|jerks?|assholes?))",
    0.8,
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
  en(
    'manager_request',
    `\\b(?:(?:i|we)(?:'d| would) like|(?:i|we) (?:spoke|talked)(?: to| with)|(?:i|we) was transferred to|(?:i|we) (?:asked|begged) (?:to speak )?(?:to |with |for )?)\\s+(?:a|an|the|your|their)\\s+${BOSS}`,
    0.85,
    { negatable: true },
  ),
  // Going over the front line: the executive office, head office, corporate.
  en(
    'manager_request',
    '\\b(?:executive (?:office|offices|team|customer relations|response team|escalations?)|office of the (?:president|ceo)|(?:elevated|escalated|took|taking|escalating|elevating|sent|wrote|complained) (?:this|it|my (?:complaint|case|issue|concern)) (?:up )?to (?:corporate|head office|headquarters|management|the ceo|upper management|senior management)|(?:called|contacted|wrote to|emailed) (?:your |the |their )?(?:corporate(?: office)?|head office|headquarters))\\b',
    0.8,
    { negatable: true },
  ),
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
  // regulator_threat: reported, or will report, to an authority. An authority acting on its own
  // ("a consent order by the CFPB", "fined by the FTC") is news, not the customer's report; a police
  // report is mostly about a thief, not the company, so only calling the police counts.
  en(
    'regulator_threat',
    '\\b(?<!\\b(?:by (?:the )?|according to (?:an? |the )?))(?:cfpb|bbb|better business bureau|attorney general|ftc|fcc|trading standards|ombudsman|consumer protection|consumer financial protection bureau|ofcom|ofgem|fca|regulators?|department of transportation|dot complaint|consumer council|report(?:ed|ing)? (?:you|this|it) to|file (?:a )?complaint with|filed (?:a )?complaint with|(?:call|calling|called|contact|contacting|contacted|involve|involving|go to|going to|went to) the (?:police|cops))\\b(?! (?:opinion|rules?|guidelines?|act|regulations?|website|ruling|consent order|settlement|fined))',
    0.9,
    { negatable: true },
  ),
  // legal_threat: the customer suing or preparing to. A lawsuit only when the customer brings it
  // ("the address on the lawsuit" is the company suing them).
  en(
    'legal_threat',
    "\\b(?:(?:i|we)(?:'ll| will| am going to|'m going to| are going to| plan to| intend to| shall)? (?:sue|be suing)|sue you|suing you|(?:my|our) (?:lawyers?|attorneys?|solicitors?)(?! general)|(?:get|getting|hire|hiring|hired|call|calling|contact|contacting|contacted|consult|consulting|consulted|involve|involving|see|seeing|speak to|speaking to|talk to|talking to)(?: to| with)? (?:a|an|my|our) (?:lawyer|attorney|solicitor)|legal action|small claims|take (?:you|this|it|them) to court|see you in court|class action|(?:file|filing|bring|bringing|pursue|pursuing|start|starting|join|joining|considering) (?:a |an )?(?:class action )?lawsuit|lawsuit against (?:you|them)|(?:before|pending|prior to|intent to pursue) litigation|going (?:back )?after (?:them|you) for damages)\\b",
    0.9,
    { negatable: true },
  ),
  // refund_demand: money back (not a tax refund), a charge or fee reversed.
  en(
    'refund_demand',
    '(?<!tax )\\b(?:refund(?:ed)?(?! polic| terms| rules| period| window)|money back|reimburse(?:ment|d)?|charge ?back|return (?:of )?my money|rebate (?:me|us|the)|revers(?:e|ed|al of) (?:the |this |that |my |these |those |all )?(?:charges?|fees?|transactions?|payments?))\\b',
    0.85,
    { negatable: true },
  ),
  // replacement_demand: the product returned, exchanged, replaced or repaired — asked for, or
  // refused ("not even replacing it"). "In exchange for", "to replace the one we missed" and a
  // replacement plane are narration.
  en(
    'replacement_demand',
    "\\b(?:(?:send|sending|get|give|want|need|demand|request|ask for|asked for|requested|expect|offer(?:ed)?|ship|provide) (?:me |us )?(?:a |an )?(?:replacement|new one|exchange)|replace (?:it|this|my|them|the (?:item|product|phone|unit|part|bag|device))|(?:not|never|refus\\w+ to|won't|wouldn't) (?:even )?replac\\w+|(?<!in )exchange (?:it|this)|swap (?:it|this)|(?:i|we)(?: want| would like| need| will| wish)? to return (?:it|this|the (?:car|product|item|phone|unit|goods))|repair (?:it|this|my)|fix or replace)\\b",
    0.8,
    { negatable: true },
  ),
  // compensation_demand: more than a refund.
  en(
    'compensation_demand',
    '\\b(?:compensat(?:e|ion|ed)|damages|for (?:my|our) (?:losses|trouble|time|inconvenience)|goodwill|make (?:it|this) up to|travel (?:certificate|voucher|credit)s?)\\b',
    0.85,
    { negatable: true },
  ),
  // repeat_contact: contacted before, still unresolved, or many times — the contact repeated, not
  // the fault ("the second time my bag was lost" is a recurring fault). The customer (or a
  // passive "contact was made") is the one calling: "they called me 2 times" is the company.
  en(
    'repeat_contact',
    "\\b(?:i|we|i've|we've)\\b[^.!?]{0,30}?\\b(?:call|called|calling|emailed|contacted|contacting|written|wrote|phoned|messaged|chased|complained|reached out|rang|disputed|disputing|sent|notified|asked|requested|tried)\\b[^.!?]{0,40}\\b(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|countless|dozens? of) times\\b",
    0.9,
  ),
  en(
    'repeat_contact',
    '\\b(?:(?:contact|calls?|disputes?|requests?|complaints?) (?:was|were|has been|have been) (?:made|filed|sent|submitted) (?:\\d+|two|three|four|five|several|many|multiple|numerous) times|(?:been |was |were )?notified (?:\\w+ )?(?:repeatedly|(?:in writing )?(?:\\d+|two|three|four|several|multiple|numerous) times))\\b',
    0.85,
  ),
  en(
    'repeat_contact',
    "\\b(?:(?:(?:second|third|fourth|fifth|\\d+(?:st|nd|rd|th)) time (?:i|we)(?:'ve| have)? (?:call|contact|writ|wr|email|complain|disput|ask|messag|tweet|dm|report|reach)\\w*|(?:call|contact|writ|email|complain|disput|ask|messag|tweet|report)\\w*[^.!?]{0,20}\\b(?:for the|a) (?:second|third|fourth|fifth|\\d+(?:st|nd|rd|th)) time)|(?:call\\w*|contact\\w*|ask\\w*|told|email\\w*|writ\\w*|wrote) (?:\\w+ ){0,3}(?:again and again|over and over|times already|yet again)|keep calling|no one (?:has )?(?:called|gotten|got|written) back|still (?:haven't|have not|hasn't|has not) (?:heard|had a reply|been (?:fixed|resolved|sorted))|still no (?:reply|response|answer))\\b",
    0.8,
  ),
  // Many contacts named as such: "several attempts", "numerous calls", "on multiple occasions",
  // "repeatedly" — not calls the customer received ("getting numerous calls").
  en(
    'repeat_contact',
    '\\b(?<!\\b(?:received|receiving|getting|get|got|gets|receive|answered|ignored)\\s(?:\\w+\\s)?)(?:(?:several|multiple|numerous|many|countless|repeated|\\d+|two|three|four|five|six) (?:phone )?(?:attempts|calls|letters|emails|disputes|complaints|requests|messages|occasions|phone calls)|(?:called|contacted|wrote|disputed|asked|requested|notified|told|informed|communicated)\\b[^.!?]{0,40}\\brepeatedly|repeatedly (?:and \\w+ )?(?:called|contacted|asked|requested|tried|attempted|disputed|wrote|emailed|told)|calling back several|both times|(?:another|a second|a third|a final|a new) (?:round of )?(?:letters?|disputes?|complaints?|calls?|requests?)|(?:called|contacted|disputed|wrote|emailed|asked|requested) (?:them |you |it |this )?again|again,? (?:requesting|asking|disputing|i (?:called|sent|wrote|disputed|contacted|asked)))\\b',
    0.8,
  ),
  // A contact narrated and then left unanswered or unresolved: "I disputed it … still reporting",
  // "contacted them 3 weeks ago … have not responded", "I call … never get a call back". The cue
  // is the contact; the lookahead reads on for the unresolved outcome within a few sentences.
  en(
    'repeat_contact',
    "\\b(?:i|we)\\b(?: have| had| then| also| already| recently| first| initially| tried to| have tried to)*\\s+(?:disputed|contacted|called|call|notified|wrote|sent|emailed|reached out|complained|submitted|reported|spoke|filed|asked|requested|dispute)\\b(?=[^]{0,280}?\\b(?:still (?:not|no|have not|haven't|has not|hasn't|had not|remains?|reporting|reports|listed|showing|shows|on my|there|appears?|being|waiting|nothing)|(?:has|have|had) yet to|never (?:heard|received|got|get|happened|responded|called|returned|fixed|resolved|was)|no (?:response|reply|answer|resolution|luck|success|results?|call ?back)|to no avail|(?:they|it|he|she) (?:has not|have not|haven't|hasn't|did not|didn't) (?:been )?(?:responded|respond|removed|remove|changed|fixed|resolved|corrected|deleted|called|replied|heard)|nothing (?:was|has been|is being) done|not even a))",
    0.75,
  ),
  en(
    'repeat_contact',
    "\\b(?:(?:would|will|'d|'ll) (?:call|email|get back to|contact) (?:me|us)(?: back)?\\b[^.!?]{0,30}\\bbut (?:they |he |she |it )?(?:haven't|hasn't|have not|has not|never|didn't|did not)|never (?:get|got|received?) (?:a |an |any )?(?:email/call|call|email|phone call|response|reply|answer)s? back|\\d+ (?:days?|weeks?|months?)(?: later\\w*)?,? (?:and )?(?:still )?no (?:refund|response|reply|answer|call|word))",
    0.8,
  ),
  // A contact dated back ("contacted them 3 wks ago", "the complaint I submitted 6 weeks ago"): a
  // follow-up on something still open.
  en(
    'repeat_contact',
    "\\b(?:contacted|called|emailed|dm'?d|messaged|wrote|submitted|sent|filed|reported|complained)\\b[^.!?]{0,40}?\\b(?:\\d+|two|three|four|five|six|several|a few) (?:hrs?|hours?|days?|wks?|weeks?|months?) ago\\b",
    0.75,
  ),
  // safety_risk: injury, illness or danger. A hospital alone is often just a place ("the hospital's
  // billing office"); being sent there is not. Credit, scores and chances are hurt only figuratively.
  en(
    'safety_risk',
    "\\b(?:food poisoning|injur(?:ed|y|ies)|hurt (?:me|him|her|us|my (?!credit|score|ability|chances|reputation|business|finances|feelings|record|rating))|burn(?:ed|t|s)? (?:me|my|him|her)|caught fire|on fire|smoke came|explod\\w*|electric shock|shocked me|(?:rushed|taken|sent|admitted|ended up) (?:me |us |him |her )?(?:to |in )(?:the )?(?:hospital|emergency room|er)|hospital(?:ised|ized)? (?:after|because|due to|from)|emergency room|(?:got|was|became|fell|made (?:me|us|him|her)) (?:very |so |really )?(?:sick|ill)|vomit\\w*|diarrh?o?ea|allergic reaction|brakes? (?:failed|failure)|unsafe|dangerous|hazard\\w*|bleeding|choked?|sparks? (?:came|flew)|glass in|(?:do not|don't|never|not) maintain (?:their|the|there) (?:planes?|plains?|aircraft|vehicles?|equipment))\\b",
    0.85,
  ),
  // churn_threat: leaving because of this (a cancellation the customer forgot is not).
  en(
    'churn_threat',
    "\\b(?:never (?:again|coming back|buy\\w*|shop\\w*|use|using|fly\\w*|order\\w*)|cancel(?:led|ling)? (?:my|the|our) (?:account|subscription|contract|membership|(?:credit |debit )?card|service|policy|plan)|clos(?:e|ed|ing) my account|switch(?:ing|ed)? to (?:another|a different|\\w+ instead)|take my business elsewhere|won't be back|lost (?:a|another) customer|last time i (?:buy|order|use|shop|fly)|done with you|former customer|(?:my|our) (?:flying|business|relationship|days?|time|loyalty) (?:with |on )?[^.!?]{0,20}\\b(?:is|are) (?:over|done|finished)|time to (?:re-?evaluate|reconsider|look for|find|switch|start looking)\\b[^.!?]{0,30}\\b(?:carrier|airline|bank|provider|company|options|another|new|elsewhere)|look(?:ing)? for (?:a |an )?(?:another|new|different) (?:airline|bank|carrier|provider|company))\\b",
    0.85,
    { negatable: true },
  ),
  en('churn_threat', '#never\\w{3,}', 0.8),
  // urgency: explicit time pressure. "Right now" is too often just "at present"; "immediately"
  // telling what someone did ("immediately started") is narration.
  en(
    'urgency',
    '\\b(?:asap|as soon as possible|urgent(?:ly)?|immediately(?! (?:started|began|after|upon|afterwards?|noticed|called|contacted|went|realized|disputed|reported|following|thereafter))|right away|expedit(?:e|ed|ing)|(?:by|before|end of|within) (?:today|tonight|tomorrow|\\d+ hours?))\\b',
    0.8,
  ),
  // --- Broader cue families, written from the definitions rather than from evaluation rows. ---
  // anger: exasperation formulas ("are you kidding me", "how many times do I have to", "enough is
  // enough"), strong words raised by an intensifier ("absolutely ridiculous", "utterly disgraceful"),
  // hatred and angry emoji. "Ridiculous" or "disappointed" alone stays mere dissatisfaction.
  en(
    'anger',
    "\\b(?:are you (?:kidding|serious|joking)|you(?:'ve| have)? (?:got|gotta) to be (?:kidding|joking)|how (?:many times|often) do (?:i|we) have to|how (?:hard|difficult) (?:is it|can it be) to|enough is enough|(?:the )?last straw|at (?:my|the end of my) wits'? end|beyond (?:furious|angry|livid|frustrated|disgusted|fed up)|(?:absolutely|completely|totally|utterly|simply|beyond|so|truly|just) (?:ridiculous|absurd|disgraceful|disgusting|appalling|pathetic|outrageous|insane|shameful|atrocious|horrendous|unacceptable|infuriating|maddening)|(?:i|we) (?:hate|despise|loathe) (?:you|your|this|dealing)|treat(?:s|ed|ing)? (?:us|me|customers|people|passengers|travell?ers|clients) like (?:garbage|trash|dirt|crap|cattle|animals|criminals|idiots)|(?:so|really|very|extremely|beyond) pissed|(?:i'm|i am|we're|we are) pissed|effing|f\\*+k\\w*|f\\*+\\b|sh\\*+t|goddamn\\w*|god damn|piss(?:ed|ing)? me off|what a (?:joke|disgrace|farce|shambles|nightmare)|(?:a|an absolute|a complete|a total) (?:joke|disgrace|farce|shambles) of an?)",
    0.8,
  ),
  // Angry faces (written literally: the matcher has no `u` flag, so each is two UTF-16 units).
  en('anger', '😠|😡|🤬|👿|💢', 0.75),
  // insult: the company or its people named as cheats, liars, thieves or fools, in every common word.
  en(
    'insult',
    '\\b(?:(?:incompetent|useless|worthless|clueless|lying|crooked|thieving|dishonest|shady|greedy|heartless|brainless) (?:airline|company|bank|staff|employees?|agents?|reps?|representatives?|people|crew|management|customer service|service|business|corporation|lender|servicer|collectors?|idiots?|morons?|clowns?|bunch)|(?:idiots|morons|imbeciles|clowns|bozos|jerks|assholes|a-holes|crooks|swindlers|con artists|scam artists|liars|extortionists|parasites|vultures)\\b(?! (?:who|that) (?:stole|opened|used|hacked))|scam(?:ming|s)? (?:me|us|people|customers|consumers|its customers|their customers)|(?:highway|daylight) robbery|legali[sz]ed (?:theft|robbery|scam)|(?:lied|lies|lying) to (?:me|us|customers|consumers|my face)|total(?:ly)? (?:scam|fraud|rip-?off))',
    0.8,
  ),
  en('insult', '#(?:scam|liars|thieves|fraud|ripoff|crooks|incompetent|idiots|morons|clowns|bozos)\\w*', 0.8),
  // churn_threat: switching, closing, cancelling, never again, the last time, lost a customer.
  en(
    'churn_threat',
    "\\b(?:(?:will|would|shall) never (?:again )?(?:fly|use|book|buy|recommend|do business|bank|shop|choose|travel|deal|order|return|come back|set foot)|(?:won't|will not|wouldn't) be (?:flying|using|booking|buying|back|returning|ordering|banking|renewing|a customer)|(?:won't|will not) (?:fly|use|book|buy|bank|shop|order) (?:with |at )?(?:you|them|\\w+) (?:again|anymore|any more|ever)|(?:i'm|i am|we're|we are) (?:so |completely |officially )?done with (?:you|your|this|them|\\w+ (?:air|airlines?|bank))|(?:switch|switching|switched|moving|moved|move|transferring|transferred) (?:all )?(?:my|our) (?:money|accounts?|business|loans?|mortgage|service)|(?:switch|switching|switched) (?:over )?(?:to|with) (?:another|a different|a new|your competitor|a competitor|the competition)|(?<=\\b(?:i|we)\\b[^.!?]{0,25})\\b(?:closing|close|closed|cancel(?:l?ed|l?ing)?|terminat(?:e|ed|ing)) (?:out )?(?:all )?(?:of )?(?:my|our) (?:accounts?|cards?|memberships?|subscriptions?|contracts?|policy|policies|service|plan|loyalty)|(?:you(?:'ve| have)?|just) lost (?:a|me as a|my|our|another|a loyal|a long-?time) (?:\\w+ )?(?:customer|business|client|member)|(?:find|finding|look(?:ing)? for|using) (?:a )?(?:new|another|different|other) (?:bank|airline|carrier|provider|company|lender|card|insurer|servicer)|no longer (?:be )?(?:a customer|doing business|fly|use|bank|shop|recommend)|(?:the )?last time (?:i|we)(?:'ll| will)? (?:ever )?(?:fly|use|book|buy|shop|order|trust|choose|bank))\\b",
    0.8,
    { negatable: true },
  ),
  // safety_risk: symptoms after a meal, injuries and what caused them, fire, smoke, sparks, foreign
  // objects in food, unsafe vehicles and aircraft.
  en(
    'safety_risk',
    "\\b(?:(?:found|there was|there were|had|with) (?:a |an |some |pieces? of |shards? of |broken )?(?:glass|metal|plastic|bugs?|insects?|cockroach(?:es)?|roach(?:es)?|worms?|maggots?|mou?se droppings|rat droppings|nails?|screws?|wires?|mold|mould) (?:in|inside|on) (?:my|our|the|his|her) (?:food|meal|dish|sandwich|salad|drink|coffee|soup|burger|pizza|order|rice|bread|plate)|(?:ate|eating|eaten|drank|drinking) [^.!?]{0,40}\\b(?:expired|spoiled|spoilt|rotten|moldy|mouldy|raw|undercooked|contaminated)|(?:expired|spoiled|spoilt|rotten|moldy|mouldy|contaminated|undercooked|raw) (?:chicken|meat|pork|fish|food|milk|eggs?|seafood)[^.!?]{0,40}\\b(?:sick|ill|vomit\\w*|hospital|poison\\w*)|poison(?:ed|ing)|(?:stomach|abdominal) (?:pain|cramps?|ache|bug)|nause(?:a|ous|ated)|threw up|throwing up|rash(?:es)?|hives|swell(?:ing|ed) up|concussion|broken (?:arm|leg|bone|wrist|ankle|tooth|teeth|nose|rib)|stitches|(?:ambulance|paramedics)|(?:slipped|tripped|fell)\\b[^.!?]{0,30}\\b(?:floor|stairs|aisle|step|wet|broke|injur\\w*|hurt)|smoke (?:in|filled|filling|from|coming|pouring)|smell(?:ed|ing)? (?:of )?(?:smoke|burning|gas|fuel|fumes)|(?:burst|bursting) into flames|overheat(?:ed|ing|s)|short[- ]circuit\\w*|(?:gas|fuel|carbon monoxide) leak|emergency landing|engine (?:failure|fire|caught)|(?:not|isn't|wasn't|aren't|weren't) safe|safety (?:issue|concern|hazard|risk|violation|problem)s?|(?:steering|airbag|accelerator|tyre|tire)s? (?:failed|failure|blew|exploded|locked)|(?:near|almost) (?:crashed|killed|died)|could have (?:killed|died|been killed|hurt))\\b",
    0.8,
  ),
  // repeat_contact: a contact the customer made, told and then left unresolved further on ("I
  // wrote to them … they refused", "we called … still nothing"), over a longer reach than above.
  en(
    'repeat_contact',
    "\\b(?:i|we)\\b(?: have| had| then| also| already| again| recently| first| initially| even| personally| immediately| subsequently| previously| later| repeatedly)*\\s+(?:disputed|contacted|called|notified|wrote (?:to|a letter|letters|them|back)|sent (?:them |it |a |multiple |several |numerous |another |the |in )?(?:letters?|emails?|disputes?|certified|proof|documents?|documentation|copies|request)|emailed|reached out|complained|spoke (?:to|with)|faxed|mailed|phoned|followed up|requested|asked (?:for|them|that|to)|filed|submitted|applied|explained|tried talking|provided|informed|tried (?:calling|contacting|to (?:call|contact|reach|get in touch)))\\b(?=[^]{0,600}?\\b(?:but|however|refus\\w*|fail\\w*|denied|deny|continu\\w*|still|yet|never|nothing|no one|nobody|ignor\\w*|despite|verified|unable|won't|wouldn't|didn't|did not|would not|has not|have not|hasn't|haven't|not been|no (?:response|reply|answer|resolution|help))\\b)",
    0.65,
  ),
  // Every way of saying "again", "still", "no one got back", "I already told you".
  en(
    'repeat_contact',
    "\\b(?:(?:i|we)(?:'ve| have| had)? (?:been )?(?:calling|emailing|writing|disputing|contacting|chasing|trying to (?:reach|contact|get (?:through|a hold|ahold|in touch)))\\b[^.!?]{0,40}\\b(?:for|since|over|all|every)\\b|still waiting (?:on|for) (?:a |an |my |your |the |any )?(?:call|response|reply|answer|refund|callback|call back|resolution|someone|update|email)|(?:no one|nobody|no-one) (?:has |ever )?(?:called|contacted|responded|replied|returned|answered|gotten|got|gets|helped|follow(?:ed|s)? up)|(?:haven't|have not|never|hasn't|has not|didn't|did not) (?:heard|gotten|received|got) (?:anything |a word |a thing |a response |a reply |an answer )?back|(?:every|each) time (?:i|we) (?:call|contact|ask|email|write|try)|(?:as )?(?:i|we)(?:'ve| have)? (?:already|previously) (?:told|explained|informed|asked|sent|provided|given|submitted|reported)|despite (?:my|our|numerous|multiple|several|repeated|many|countless) (?:\\w+ )?(?:requests|attempts|calls|disputes|letters|complaints|efforts|emails|inquiries)|(?:countless|numerous|multiple|several|endless) (?:phone calls|conversations|follow-?ups)|(?:follow(?:ed|ing)?[- ]?up|followed up) (?:again|several times|multiple times|numerous times|with (?:them|you) (?:again|several|multiple|numerous))|keep (?:getting|being) (?:told|transferred|passed|bounced|the runaround)|(?:the )?run-?around|dm'?e?d (?:you|u)\\b[^.!?]{0,30}\\b(?:ago|yesterday|earlier|already|twice|again|no (?:response|reply|answer)))",
    0.75,
  ),
  // A contact referred back to: the original complaint, a call not taken, days since I wrote.
  en(
    'repeat_contact',
    "\\b(?:not taking my calls|(?:have not|haven't|never) heard (?:back )?from (?:you|them)|no correspondence|hung up on (?:me|us)?[^.!?]{0,20}\\b(?:times|again|twice)|\\d+ (?:days|weeks|months) since (?:i|we) (?:applied|submitted|requested|filed|called|contacted|sent|wrote|emailed|disputed)|(?:my|our|the) (?:original|previous|prior|earlier|first|last) (?:claim|complaint|dispute|request|case|letter|call)|once before|counter response)\\b",
    0.75,
  ),
  // urgency: a deadline or a demand to act now.
  en(
    'urgency',
    '\\b(?:time[- ]sensitive|at once|as quickly as possible|without (?:further )?delay|no later than|(?:need|needs|must|has to|have to)\\b[^.!?]{0,40}\\b(?:right now|today|tonight|now!|immediately|by tomorrow|this (?:morning|afternoon|evening|week))|(?:please|must|demand|request|expect|need|require)\\b[^.!?]{0,60}\\bwithin (?:\\d+|twenty|thirty|fourteen|seven|ten|fifteen|the next \\d+) (?:business |calendar |working )?(?:days|hours))\\b',
    0.75,
  ),
  // compensation_demand: vouchers, miles, credits or gift cards asked for or expected for a loss.
  en(
    'compensation_demand',
    '\\b(?:(?:want|deserve|expect|demand|request|requested|asked for|ask for|should (?:get|receive|be given|be offered)|(?:can|could|will|do|how do|may) (?:i|we) (?:get|claim|receive|have)|give (?:me|us)|offer (?:me|us)|where (?:is|are) (?:my|our)|no) (?:a |an |some |any |the )?(?:\\$\\d+ )?(?:voucher|vouchers|miles|bonus miles|points|gift cards?|meal vouchers?|hotel vouchers?|travel credit|flight credit|free (?:flight|ticket|night|upgrade))|(?:make|making) (?:this|it|things) right|(?:pay|cover|reimburse) (?:for )?(?:my|our) (?:hotel|meals?|taxi|uber|rental|medical bills?|expenses|costs|losses))\\b',
    0.75,
    { negatable: true },
  ),
  // manager_request: a supervisor spoken to or asked for in other words; the escalations desk.
  en(
    'manager_request',
    '\\b(?:(?:transferred|escalated|referred|passed) (?:me |us |it |this |my \\w+ )?(?:up )?to (?:a |the |another |their |your )?(?:supervisor|manager|management|escalations?)|(?:a|the|another|her|his|their) supervisor(?: named \\w+)? (?:told|said|stated|informed|assured|promised|advised|hung up|refused|agreed|apologi[sz]ed|called (?:me|us) back)|escalations? (?:department|team|specialist|unit)|(?:asked|requested|demanded|begged) (?:to (?:speak|talk) (?:to|with) )?(?:for )?(?:a|the|your|their) (?:supervisor|manager|someone in charge))\\b',
    0.8,
    { negatable: true },
  ),
  // legal and regulator threats in further words.
  en(
    'legal_threat',
    '\\b(?:legal (?:proceedings|recourse|counsel|remedies|remedy|options)|(?:consult(?:ed|ing)?|retain(?:ed|ing)?|hire(?:d)?|contact(?:ed|ing)?) (?:legal counsel|counsel|an? law firm)|(?:demand for|file (?:for )?|filing (?:for )?|filed (?:for )?)arbitration|(?:sue|suing|sued) (?:them|the company|the bank|\\w+ (?:bank|airlines?))|judgment against (?:you|them))\\b',
    0.8,
    { negatable: true },
  ),
  en(
    'regulator_threat',
    '\\b(?:consumer affairs|department of (?:insurance|banking|financial (?:institutions|services|protection)|consumer affairs|justice)|state (?:banking|insurance|financial) (?:department|commission|regulators?|division)|(?:report|reported|reporting|complain|complained|complaint|contact|contacted|file|filed|filing|write|wrote|escalate|escalated|forward|forwarded)\\w* (?:\\w+ ){0,3}(?:to|with) (?:the )?(?:faa|dot|ftc|fcc|occ|fdic|hud|nhtsa|fda|state|federal|government|authorities|department of))\\b',
    0.8,
    { negatable: true },
  ),
];
