/** Escapes LIKE wildcards (and the escape character) in user input; PostgreSQL's default escape is the backslash. */
export const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
