package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each fixture under {@code packs/invalid/} is wrong in one way (or, for {@code many-problems},
 * many); loading it must fail with every problem, each naming the file, the path in it and what is
 * wrong.
 */
class PackValidationTest {
  private static final String DIR = "packs/invalid/";

  private static PackValidationException failureOf(String fixture) {
    PackValidationException e =
        catchThrowableOfType(
            PackValidationException.class,
            () ->
                ClasspathPackSource.of(
                    PackValidationTest.class.getClassLoader(), DIR + fixture + ".yaml"));
    assertThat(e).as("loading %s should fail", fixture).isNotNull();
    return e;
  }

  private static List<String> problemsOf(String fixture) {
    return failureOf(fixture).problems();
  }

  @Test
  void aMisspeltKeyIsRefusedWithAHintAndTheKeyItReplacedIsMissing() {
    assertThat(problemsOf("unknown-key"))
        .containsExactly(
            DIR
                + "unknown-key.yaml: /lead_fields/0/lable : unknown key 'lable' (did you mean"
                + " 'label'?); known keys here: key, label, type, options",
            DIR + "unknown-key.yaml: /lead_fields/0/label : is required");
  }

  @Test
  void missingAndWronglyTypedValuesAreRefusedSayingWhatTheyAre() {
    String file = DIR + "wrong-types.yaml: ";
    assertThat(problemsOf("wrong-types"))
        .containsExactly(
            file + "/name : is required",
            file + "/version : must be text, but is a number (1.0)",
            file + "/description : must be text, but is a list",
            file + "/lead_fields : must be a list, but is a mapping",
            file + "/intents/0/label : must be text, but is a number (42)",
            file + "/intents/0/keywords : must be a list, but is text",
            file
                + "/reply_templates/general_question : must be text, but is a yes/no value (true)");
  }

  @Test
  void malformedSlugVersionKeysAndFieldTypesAreRefused() {
    String file = DIR + "bad-formats.yaml: ";
    assertThat(problemsOf("bad-formats"))
        .containsExactly(
            file
                + "/slug : 'Real_Estate' is not a slug: a lower-case letter, then lower-case"
                + " letters, digits or '-', at most 63 in all",
            file + "/version : '1.0.0-beta' is not a version: write MAJOR.MINOR.PATCH, e.g. 1.0.0",
            file
                + "/lead_fields/0/key : 'Budget' is not a key: a lower-case letter, then"
                + " lower-case letters, digits or '_', at most 63 in all",
            file
                + "/lead_fields/1/type : 'area' is not a field type; use one of text, number,"
                + " money, date, boolean, choice",
            file
                + "/intents/0/key : 'general-question' is not a key: a lower-case letter, then"
                + " lower-case letters, digits or '_', at most 63 in all");
  }

  @Test
  void keysGivenTwiceAreRefusedNamingTheFirstUse() {
    String file = DIR + "duplicate-keys.yaml: ";
    assertThat(problemsOf("duplicate-keys"))
        .containsExactly(
            file
                + "/name : the key 'name' is given twice in this mapping (again at line 21, column 1)",
            file + "/lead_fields/1/key : the key 'budget' is already used at /lead_fields/0/key",
            file + "/stages/1/key : the key 'new' is already used at /stages/0/key",
            file + "/intents/0/keywords/1 : 'question' is already listed at /intents/0/keywords/0",
            file
                + "/intents/1/key : the key 'general_question' is already used at"
                + " /intents/0/key");
  }

  @Test
  void aChoiceFieldNeedsOptionsAndOnlyChoiceFieldsHaveThem() {
    String file = DIR + "choice-without-options.yaml: ";
    assertThat(problemsOf("choice-without-options"))
        .containsExactly(
            file + "/lead_fields/0/options : a choice field needs options; none given",
            file + "/lead_fields/1/options : a choice field needs at least one option",
            file
                + "/lead_fields/2/options : only choice fields have options; this field's type is text");
  }

  @Test
  void intentsNeedLowerCaseSingleWordKeywordsAndPhrasesOfSeveralWords() {
    String file = DIR + "intent-words.yaml: ";
    assertThat(problemsOf("intent-words"))
        .containsExactly(
            file + "/intents/0/keywords/1 : 'How' must be lower case (matching ignores case)",
            file + "/intents/0/keywords/2 : ' cost' has spaces around it",
            file
                + "/intents/0/keywords/3 : 'how much' is more than one word; list it under"
                + " phrases",
            file + "/intents/0/keywords/4 : 'price' is already listed at /intents/0/keywords/0",
            file + "/intents/0/phrases/0 : 'quote' is one word; list it under keywords",
            file + "/intents/1 : an intent needs at least one keyword, phrase or pattern");
  }

  @Test
  void templatesMustBeForAKnownIntentAndUseOnlyAllowedWellFormedSlots() {
    String file = DIR + "template-problems.yaml: ";
    String allowed =
        "allowed: agent_first_name, agent_name, booking_link, contact_first_name, contact_name,"
            + " org_name";
    assertThat(problemsOf("template-problems"))
        .containsExactly(
            file
                + "/reply_templates/pricing_questoin : no intent has the key 'pricing_questoin'"
                + " (did you mean 'pricing_question'?); templates are keyed by intent",
            file
                + "/reply_templates/pricing_question : the slot '{price}' is not one a template"
                + " may use; "
                + allowed,
            file
                + "/reply_templates/pricing_question : the placeholder '{Agent Name}' is"
                + " malformed; write a slot as {snake_case}",
            file
                + "/reply_templates/pricing_question : the slot '{agent_nme}' is not one a"
                + " template may use (did you mean 'agent_name'?); "
                + allowed,
            file + "/reply_templates/opt_out : has a '{' at character 5 with no '}' after it");
  }

  @Test
  void nextActionsNeedAKnownIntentAKnownActionAndAnOptOutThatStops() {
    String file = DIR + "next-action-problems.yaml: ";
    assertThat(problemsOf("next-action-problems"))
        .containsExactly(
            file
                + "/next_actions/pricing_questoin : no intent has the key 'pricing_questoin'"
                + " (did you mean 'pricing_question'?); next actions are keyed by intent",
            file
                + "/next_actions/pricing_question : 'send_price_list' is not a next action;"
                + " allowed: ask_budget, ask_details, book_appointment, book_showing,"
                + " connect_lender, follow_up, handoff, ignore, offer_valuation, stop_messaging",
            file + "/next_actions/opt_out : an opt-out must stop messaging; write stop_messaging");
  }

  @Test
  void stagesNeedBothAWonAndALostStage() {
    assertThat(problemsOf("stages-without-outcomes"))
        .containsExactly(
            DIR
                + "stages-without-outcomes.yaml: /stages : needs a terminal stage with outcome"
                + " lost");
  }

  @Test
  void stagesNeedAStageThatIsNotTerminal() {
    assertThat(problemsOf("stages-all-terminal"))
        .containsExactly(
            DIR
                + "stages-all-terminal.yaml: /stages : needs at least one non-terminal stage (one"
                + " without an outcome)");
  }

  @Test
  void theFirstStageIsWhereLeadsStartSoItCannotBeTerminal() {
    assertThat(problemsOf("stages-terminal-first"))
        .containsExactly(
            DIR
                + "stages-terminal-first.yaml: /stages/0 : the first stage is where leads start,"
                + " so it must not be terminal");
  }

  @Test
  void malformedYamlIsReportedWithItsLineAndColumn() {
    assertThat(problemsOf("malformed"))
        .containsExactly(
            DIR
                + "malformed.yaml: / : malformed YAML at line 7, column 1: expected ',' or ']',"
                + " but got <scalar> (while parsing a flow sequence that starts at line 5,"
                + " column 14)");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThat(problemsOf("empty"))
        .containsExactly(
            DIR + "empty.yaml: / : the file is empty; a pack file is one YAML mapping");
  }

  @Test
  void aSecondYamlDocumentIsRefusedRatherThanIgnored() {
    assertThat(problemsOf("two-documents"))
        .containsExactly(
            DIR
                + "two-documents.yaml: / : a pack file holds one YAML document, but a second"
                + " one has content at line 14, column 1");
  }

  @Test
  void aliasesAreRefusedBecauseTheyWouldBeReadAsTheirName() {
    assertThat(problemsOf("alias"))
        .containsExactly(
            DIR
                + "alias.yaml: /description : the alias *name is not supported in pack files;"
                + " write the value out in full");
  }

  @Test
  void badPatternsWeightsAndNegationWordsAreRefusedNamingWhatIsWrong() {
    String file = DIR + "intent-patterns.yaml: ";
    assertThat(problemsOf("intent-patterns"))
        .containsExactly(
            file
                + "/intents/0/patterns/1 : '(cost' is not a valid pattern: Unclosed group at"
                + " character 6",
            file
                + "/intents/0/weight : 0 is out of range; a weight is greater than 0 and at most"
                + " 10 (1 is neutral)",
            file
                + "/intents/1/patterns/2 : '[0-9]+ ?pm' is already listed at"
                + " /intents/1/patterns/0",
            file + "/intents/1/weight : must be a number, but is text",
            file
                + "/intents/2/weight : 11 is out of range; a weight is greater than 0 and at most"
                + " 10 (1 is neutral)",
            file + "/negation_words/1 : 'Never' must be lower case (matching ignores case)",
            file
                + "/negation_words/2 : 'do not' is more than one word; a negation word is a"
                + " single word");
  }

  @Test
  void everyProblemInAFileIsReportedAtOnce() {
    String file = DIR + "many-problems.yaml: ";
    assertThat(problemsOf("many-problems"))
        .containsExactly(
            file
                + "/colour : unknown key 'colour'; known keys here: schema_version, slug, name,"
                + " version, description, lead_fields, stages, intents, negation_words, reply_templates,"
                + " next_actions, scoring, routing, compliance, localized_reply_templates, nurture",
            file
                + "/slug : 'Many Problems' is not a slug: a lower-case letter, then lower-case"
                + " letters, digits or '-', at most 63 in all",
            file + "/name : is required",
            file + "/version : 'one' is not a version: write MAJOR.MINOR.PATCH, e.g. 1.0.0",
            file + "/description : must not be blank",
            file
                + "/lead_fields/0/requried : unknown key 'requried'; known keys here: key, label,"
                + " type, options",
            file + "/lead_fields/1/key : the key 'budget' is already used at /lead_fields/0/key",
            file + "/lead_fields/1/options : a choice field needs options; none given",
            file
                + "/stages/0/outcome : 'maybe' is not an outcome; use won or lost, or leave it"
                + " out",
            file + "/intents/0 : must be a mapping of keys to values, but is text",
            file
                + "/intents/1/keywords/0 : 'How Much' must be lower case (matching ignores"
                + " case)",
            file
                + "/reply_templates/unknown_intent : no intent has the key 'unknown_intent';"
                + " templates are keyed by intent",
            file
                + "/reply_templates/unknown_intent : the slot '{price}' is not one a template may"
                + " use; allowed: agent_first_name, agent_name, booking_link, contact_first_name,"
                + " contact_name, org_name");
  }

  @Test
  void theMessageCountsAndListsEveryProblem() {
    PackValidationException e = failureOf("stages-all-terminal");
    assertThat(e)
        .hasMessage(
            "1 problem in vertical pack files:\n  "
                + DIR
                + "stages-all-terminal.yaml: /stages : needs at least one non-terminal stage (one"
                + " without an outcome)");
    PackValidationException many = failureOf("many-problems");
    assertThat(many.getMessage()).startsWith("13 problems in vertical pack files:\n");
    assertThat(many.getMessage()).contains(many.problems());
  }

  @Test
  void problemsOfSeveralFilesAreReportedTogether() {
    PackValidationException e =
        catchThrowableOfType(
            PackValidationException.class,
            () ->
                ClasspathPackSource.of(
                    getClass().getClassLoader(),
                    DIR + "stages-all-terminal.yaml",
                    "packs/valid/dentist.yaml",
                    DIR + "stages-without-outcomes.yaml"));
    assertThat(e.problems())
        .containsExactly(
            DIR
                + "stages-all-terminal.yaml: /stages : needs at least one non-terminal stage (one"
                + " without an outcome)",
            DIR
                + "stages-without-outcomes.yaml: /stages : needs a terminal stage with outcome"
                + " lost");
  }

  @Test
  void badLocalizedReplyTemplatesAreRefusedNamingTheLanguageIntentAndProblem() {
    String file = DIR + "localized-templates.yaml: /localized_reply_templates/";
    assertThat(problemsOf("localized-templates"))
        .containsExactly(
            file
                + "spanish : 'spanish' is not a language code; use two lower-case letters"
                + " (ISO 639-1), e.g. es",
            file + "en : the templates in en are reply_templates; list them there",
            file
                + "es/pricing_questoin : no intent has the key 'pricing_questoin' (did you mean"
                + " 'pricing_question'?); templates are keyed by intent",
            file
                + "es/pricing_question : the slot '{precio}' is not one a template may use;"
                + " allowed: agent_first_name, agent_name, booking_link, contact_first_name,"
                + " contact_name, org_name");
  }

  @Test
  void aBadRoutingSectionIsRefusedNamingThePathAndProblem() {
    String file = DIR + "routing-problems.yaml: /routing";
    assertThat(problemsOf("routing-problems"))
        .contains(
            file + "/sticky : must be true or false, but is text",
            file
                + "/default_group : 'Team' is not a group key: a lower-case letter, then"
                + " lower-case letters, digits, '_' or '-', at most 63 in all",
            file + "/last_resort : unknown last resort 'boss'; use pond or account_owner",
            file + "/rules/1/when : is required")
        .anySatisfy(p -> assertThat(p).startsWith(file + "/rulez : "))
        .anySatisfy(
            p -> assertThat(p).startsWith(file + "/rules/0/when/field : unknown field 'zipp'"))
        .anySatisfy(p -> assertThat(p).startsWith(file + "/rules/2/group : 'San Francisco'"))
        .anySatisfy(p -> assertThat(p).startsWith(file + "/rules/3/when/value : must be a number"));
  }

  @Test
  void aBadComplianceSectionIsRefusedNamingThePathAndProblem() {
    String file = DIR + "compliance-problems.yaml: /compliance/keywords";
    assertThat(problemsOf("compliance-problems"))
        .anySatisfy(p -> assertThat(p).startsWith(file + "/unstop : unknown key 'unstop'"))
        .anySatisfy(p -> assertThat(p).startsWith(file + "/help : must be a list"));
    assertThat(problemsOf("compliance-with-a-shared-keyword"))
        .containsExactly(
            DIR
                + "compliance-with-a-shared-keyword.yaml: /compliance/keywords : 'baja' is a"
                + " keyword of two actions; keep it in one list");
  }

  @Test
  void badScoringRulesAreRefusedNamingTheRulePathAndProblem() {
    String file = DIR + "scoring-problems.yaml: /scoring";
    assertThat(problemsOf("scoring-problems"))
        .containsExactly(
            file + "/groups/luck : unknown group 'luck'; use fit, engagement or intent",
            file
                + "/engagement_half_life : 'one week' is not an ISO-8601 duration; write e.g. P7D"
                + " or PT36H",
            file
                + "/rules/0/when/field : unknown field 'budgte'; rules may read: budget, zip,"
                + " pre_approved, timeline, source_channel, last_intent, inbound_count, score,"
                + " language",
            file
                + "/rules/1/when/op : unknown operator 'greater'; use one of eq, neq, in, gt, gte,"
                + " lt, lte, between, contains, starts_with, matches, exists",
            file + "/rules/2/when/value : must be a number, but is lots",
            file + "/rules/3/when/value : must be true or false, but is 1",
            file
                + "/rules/4/when/all/1/value : '94[0-9' is not a valid regular expression:"
                + " Unclosed character class",
            file + "/rules/5/group : unknown group 'luck'; use fit, engagement or intent",
            file + "/rules/6/when/op : operator gt does not apply to text field 'zip'",
            file
                + "/rules/7/when/not/value : 'Never' is not an option of 'timeline': Soon,"
                + " Later",
            file + "/rules/8/when/max : is required by operator between",
            file
                + "/rules/9/points : an engagement rule must not be negative: its points decay"
                + " with age");
  }

  @Test
  void aPackWithoutScoringStillLoads() {
    assertThat(
            ClasspathPackSource.of(
                    PackValidationTest.class.getClassLoader(), "packs/valid/dentist.yaml")
                .packs())
        .allSatisfy(p -> assertThat(p.scoring()).isNull());
  }
}
