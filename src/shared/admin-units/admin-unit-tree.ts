import type { AdminUnit } from './admin-unit.schema';

/**
 * An index over a flat list of units. Works for any depth: province → district → commune (2024)
 * or province → commune (since July 2025). Activities take place in leaves (units without
 * children); authorization asks whether one unit lies within another.
 */
export class AdminUnitTree {
  private readonly byCode = new Map<string, AdminUnit>();
  private readonly children = new Map<string | null, AdminUnit[]>();

  constructor(units: readonly AdminUnit[]) {
    for (const unit of units) {
      if (this.byCode.has(unit.code)) throw new Error(`Duplicate admin unit code ${unit.code}`);
      this.byCode.set(unit.code, unit);
    }
    for (const unit of units) {
      if (unit.parentCode !== null && !this.byCode.has(unit.parentCode)) {
        throw new Error(`Admin unit ${unit.code} has unknown parent ${unit.parentCode}`);
      }
      const siblings = this.children.get(unit.parentCode) ?? [];
      siblings.push(unit);
      this.children.set(unit.parentCode, siblings);
    }
    // A cycle would make ancestor walks loop forever.
    for (const unit of units) this.ancestors(unit.code);
  }

  get(code: string): AdminUnit | undefined {
    return this.byCode.get(code);
  }

  roots(): AdminUnit[] {
    return this.children.get(null) ?? [];
  }

  childrenOf(code: string): AdminUnit[] {
    return this.children.get(code) ?? [];
  }

  isLeaf(code: string): boolean {
    return this.byCode.has(code) && this.childrenOf(code).length === 0;
  }

  /** From the unit's parent up to the root. */
  ancestors(code: string): AdminUnit[] {
    const out: AdminUnit[] = [];
    const seen = new Set<string>([code]);
    let parent = this.byCode.get(code)?.parentCode ?? null;
    while (parent !== null) {
      if (seen.has(parent)) throw new Error(`Admin unit cycle at ${parent}`);
      seen.add(parent);
      const unit = this.byCode.get(parent);
      if (!unit) break;
      out.push(unit);
      parent = unit.parentCode;
    }
    return out;
  }

  /** True when `code` is `ancestorCode` itself or lies anywhere below it. */
  isWithin(code: string, ancestorCode: string): boolean {
    if (!this.byCode.has(code)) return false;
    if (code === ancestorCode) return true;
    return this.ancestors(code).some((u) => u.code === ancestorCode);
  }

  /** The unit and everything below it. */
  subtree(code: string): AdminUnit[] {
    const root = this.byCode.get(code);
    if (!root) return [];
    const out: AdminUnit[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const unit = stack.pop()!;
      out.push(unit);
      stack.push(...this.childrenOf(unit.code));
    }
    return out;
  }

  /** The places activities happen in, below `code` (or everywhere). */
  leavesUnder(code?: string): AdminUnit[] {
    const units = code === undefined ? [...this.byCode.values()] : this.subtree(code);
    return units.filter((u) => this.isLeaf(u.code));
  }

  /** "Xã A, Huyện B" — the unit with its ancestors below the root, for display. */
  qualifiedName(code: string): string {
    const unit = this.byCode.get(code);
    if (!unit) return code;
    const chain = this.ancestors(code).filter((u) => u.parentCode !== null);
    return [unit, ...chain].map((u) => u.name).join(', ');
  }
}
