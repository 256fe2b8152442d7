/** The analytics module's public surface: nothing yet; it reads the others and answers HTTP. */
export {};
