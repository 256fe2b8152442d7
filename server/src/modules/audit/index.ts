/** The audit module: its routes only (module.ts); nothing of it is imported by another module. */
export {};
