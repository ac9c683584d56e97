import { AdminUnitTree } from '../admin-units/admin-unit-tree';
import type { AdminUnit } from '../admin-units/admin-unit.schema';
import type { Geography, UnitRef } from './geography';

/**
 * Every known geography, ordered by the day it came into force, with the mappings between them.
 * The constructor refuses inconsistent data (a broken tree, a commune of the previous geography
 * mapped twice or not at all, a mapping to a unit that does not exist), so code that holds a
 * catalog can trust it.
 */
export class GeographyCatalog {
  private readonly ordered: Geography[];
  private readonly trees = new Map<string, AdminUnitTree>();
  /** geography id → (previous geography's commune → this geography's commune). */
  private readonly forward = new Map<string, Map<string, string>>();
  /** geography id → (this geography's commune → previous geography's communes merged into it). */
  private readonly backward = new Map<string, Map<string, string[]>>();

  constructor(geographies: readonly Geography[]) {
    if (geographies.length === 0)
      throw new Error('A geography catalog needs at least one geography');
    this.ordered = [...geographies].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    this.ordered.forEach((g, i) => {
      if (this.trees.has(g.id)) throw new Error(`Duplicate geography id ${g.id}`);
      const previous = this.ordered[i - 1];
      if (previous && previous.validFrom === g.validFrom) {
        throw new Error(`Geographies ${previous.id} and ${g.id} start on the same day`);
      }
      this.trees.set(g.id, new AdminUnitTree(g.units));
      if (previous) this.indexMapping(previous, g);
      else if (g.predecessor) {
        throw new Error(
          `${g.id} is the earliest geography but maps from ${g.predecessor.geographyId}`,
        );
      }
    });
  }

  private indexMapping(previous: Geography, g: Geography): void {
    if (!g.predecessor || g.predecessor.geographyId !== previous.id) {
      throw new Error(`${g.id} must map the communes of ${previous.id}, the geography before it`);
    }
    const from = this.tree(previous.id);
    const to = this.tree(g.id);
    const forward = new Map<string, string>();
    const backward = new Map<string, string[]>();
    for (const { fromCode, toCode } of g.predecessor.communes) {
      if (!from.isLeaf(fromCode))
        throw new Error(`${g.id}: ${fromCode} is not a commune of ${previous.id}`);
      if (!to.isLeaf(toCode))
        throw new Error(`${g.id}: ${fromCode} maps to ${toCode}, not a commune of ${g.id}`);
      if (forward.has(fromCode))
        throw new Error(`${g.id}: ${fromCode} of ${previous.id} is mapped twice`);
      forward.set(fromCode, toCode);
      backward.set(toCode, [...(backward.get(toCode) ?? []), fromCode]);
    }
    const unmapped = from.leavesUnder().filter((u) => !forward.has(u.code));
    if (unmapped.length > 0) {
      const codes = unmapped.map((u) => u.code).join(', ');
      throw new Error(`${g.id}: communes of ${previous.id} with no mapping: ${codes}`);
    }
    this.forward.set(g.id, forward);
    this.backward.set(g.id, backward);
  }

  /** Oldest first. */
  list(): readonly Geography[] {
    return this.ordered;
  }

  get(id: string): Geography | undefined {
    return this.ordered.find((g) => g.id === id);
  }

  has(id: string): boolean {
    return this.trees.has(id);
  }

  tree(id: string): AdminUnitTree {
    const tree = this.trees.get(id);
    if (!tree) throw new Error(`Unknown geography ${id}`);
    return tree;
  }

  unit(ref: UnitRef): AdminUnit | undefined {
    return this.trees.get(ref.geographyId)?.get(ref.code);
  }

  /** The geography in force on a day (yyyy-MM-dd); the earliest one for any day before it. */
  inForceOn(date: string): Geography {
    let found = this.ordered[0]!;
    for (const g of this.ordered) if (g.validFrom <= date) found = g;
    return found;
  }

  /** The newest geography: the one accounts' units belong to once it is in force. */
  latest(): Geography {
    return this.ordered[this.ordered.length - 1]!;
  }

  /** The communes an activity dated `date` can take place in. */
  communesValidOn(date: string): AdminUnit[] {
    return this.tree(this.inForceOn(date).id).leavesUnder();
  }

  /**
   * The communes of `toId` that hold the commune `code` of `fromId`. Forward in time this is
   * exactly one commune (no commune was split); backward it is every older commune merged into
   * it (none for a commune that lay outside the older geography). Empty for an unknown code.
   */
  mapCommune(code: string, fromId: string, toId: string): string[] {
    const fromIndex = this.indexOf(fromId);
    const toIndex = this.indexOf(toId);
    if (!this.tree(fromId).isLeaf(code)) return [];
    let codes = [code];
    if (toIndex > fromIndex) {
      for (let i = fromIndex + 1; i <= toIndex; i++) {
        const step = this.forward.get(this.ordered[i]!.id)!;
        codes = codes.map((c) => step.get(c)!);
      }
    } else {
      for (let i = fromIndex; i > toIndex; i--) {
        const step = this.backward.get(this.ordered[i]!.id)!;
        codes = codes.flatMap((c) => step.get(c) ?? []);
      }
    }
    return [...new Set(codes)];
  }

  /**
   * Where a commune stands in the geography in force on `date`: itself if that is its own
   * geography, otherwise the commune it became (or, backward, the single commune it came from).
   * Undefined when that is not one commune.
   */
  communeOn(ref: UnitRef, date: string): UnitRef | undefined {
    const target = this.inForceOn(date).id;
    const codes = this.mapCommune(ref.code, ref.geographyId, target);
    return codes.length === 1 ? { geographyId: target, code: codes[0]! } : undefined;
  }

  /**
   * True when every place the unit `ref` covers lies within `scope` (a unit of any geography),
   * compared through the mappings. A new commune larger than an old one is therefore not within
   * it: nobody gains access to places they did not have.
   */
  isWithin(ref: UnitRef, scope: UnitRef): boolean {
    const scopeTree = this.trees.get(scope.geographyId);
    const refTree = this.trees.get(ref.geographyId);
    if (!scopeTree?.get(scope.code) || !refTree?.get(ref.code)) return false;
    if (ref.geographyId === scope.geographyId) return scopeTree.isWithin(ref.code, scope.code);
    const leaves = refTree.isLeaf(ref.code)
      ? [ref.code]
      : refTree.leavesUnder(ref.code).map((u) => u.code);
    const mapped = leaves.flatMap((c) => {
      const codes = this.mapCommune(c, ref.geographyId, scope.geographyId);
      // A commune with no counterpart in the scope's geography is outside it.
      return codes.length > 0 ? codes : [null];
    });
    return (
      mapped.length > 0 && mapped.every((c) => c !== null && scopeTree.isWithin(c, scope.code))
    );
  }

  /**
   * The communes (of every geography) whose activities lie within `scope`: what a pull filters
   * on. Each geography's communes are listed with their own geography id.
   */
  communesWithin(scope: UnitRef): UnitRef[] {
    const out: UnitRef[] = [];
    for (const g of this.ordered) {
      for (const unit of this.tree(g.id).leavesUnder()) {
        const ref = { geographyId: g.id, code: unit.code };
        if (this.isWithin(ref, scope)) out.push(ref);
      }
    }
    return out;
  }

  private indexOf(id: string): number {
    const index = this.ordered.findIndex((g) => g.id === id);
    if (index < 0) throw new Error(`Unknown geography ${id}`);
    return index;
  }
}
