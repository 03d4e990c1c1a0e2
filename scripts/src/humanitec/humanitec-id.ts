/** Humanitec's ids (drivers, definitions, environment types): lowercase letters, digits and hyphens, a letter or digit at each end. */
export const HUMANITEC_ID = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;
