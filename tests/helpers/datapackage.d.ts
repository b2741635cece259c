// The part of the `datapackage` package (Frictionless Data, JavaScript) the tests use; it ships no types.
declare module 'datapackage' {
  export interface Resource {
    name: string;
    read(options?: { keyed?: boolean; cast?: boolean; relations?: boolean }): Promise<unknown[][]>;
  }
  export class Package {
    static load(descriptor: string | object, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly resources: Resource[];
    getResource(name: string): Resource;
  }
}
