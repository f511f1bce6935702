import type { DynamicModule, Type } from '@nestjs/common';
import type { Module } from '@nestjs/core/injector/module.js';

/**
 * The import graph of the app as the user declared it. Nest links global
 * modules into every module's `imports`; that link is not an import (SPEC
 * section 2), so an edge to a global module counts only when it was declared.
 */
export class ModuleGraph {
  private readonly importers = new Map<Module, Module[]>();
  private readonly order: Map<Module, number>;

  constructor(readonly modules: readonly Module[]) {
    // Nest scans depth-first from the root in `imports` order: that order breaks ties.
    this.order = new Map(modules.map((moduleRef, index) => [moduleRef, index]));
    for (const importer of modules) {
      const declared = declaredImportTypes(importer);
      for (const imported of importer.imports) {
        if (imported === importer || (imported.isGlobal && !declared.has(imported.metatype))) continue;
        this.importersOf(imported).push(importer);
      }
    }
  }

  /** Modules that declare an import of `moduleClass` (a class or a dynamic module of it). */
  modulesImporting(moduleClass: Type): Module[] {
    return this.modules.filter((moduleRef) => declaredImportTypes(moduleRef).has(moduleClass));
  }

  /**
   * `start` and every module that imports it transitively, by increasing
   * import distance; equal distances in scan order. Breadth-first, so each
   * module appears once, at its shortest distance.
   */
  importerChain(start: Module): Module[] {
    const seen = new Set<Module>([start]);
    const chain: Module[] = [start];
    for (let frontier = [start]; frontier.length > 0; ) {
      const next = frontier.flatMap((moduleRef) => this.importersOf(moduleRef)).filter((m) => !seen.has(m));
      const level = [...new Set(next)].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
      level.forEach((moduleRef) => seen.add(moduleRef));
      chain.push(...level);
      frontier = level;
    }
    return chain;
  }

  private importersOf(moduleRef: Module): Module[] {
    let list = this.importers.get(moduleRef);
    if (!list) this.importers.set(moduleRef, (list = []));
    return list;
  }
}

/** Module classes a module declares in `imports`, statically or through its dynamic module. */
function declaredImportTypes(moduleRef: Module): Set<unknown> {
  const staticImports: unknown[] = Reflect.getMetadata('imports', moduleRef.metatype) ?? [];
  return new Set([...staticImports, ...dynamicImports(moduleRef)].map(importedType));
}

function dynamicImports(moduleRef: Module): unknown[] {
  // Nest keeps a dynamic module's metadata on the container, which `Module` holds privately.
  const container = (moduleRef as unknown as { container?: { getDynamicMetadataByToken?(token: string, key: 'imports'): unknown } }).container;
  const imports = container?.getDynamicMetadataByToken?.(moduleRef.token, 'imports');
  return Array.isArray(imports) ? imports : [];
}

function importedType(item: unknown): unknown {
  if (item && typeof item === 'object' && 'module' in item) return (item as DynamicModule).module;
  if (item && typeof item === 'object' && 'forwardRef' in item) return (item as { forwardRef: () => unknown }).forwardRef();
  return item;
}
