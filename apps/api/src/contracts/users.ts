/**
 * Staff accounts of a practice (admin only), sign-up of a new practice and the signed-in user's password change.
 * Password hashes never leave the API.
 */
import type { Me, Page, Role } from './index.js';

export type { Me, Page, Role };

/** A staff account as GET/POST /api/users and PATCH /api/users/:id answer it. */
export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** false: the account cannot sign in and its sessions have ended */
  active: boolean;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** POST /api/users */
export interface NewUser {
  name: string;
  email: string;
  role: Role;
  /** 8-128 characters */
  password: string;
}

/** PATCH /api/users/:id (with If-Match). `active: false` or a new password ends the user's sessions at once. */
export interface UserChanges {
  name?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

/** POST /api/auth/signup: a new practice and its first admin; answered with `Me`. */
export interface Signup {
  practiceName: string;
  name: string;
  email: string;
  password: string;
  /** IANA time zone of the practice (default UTC); the dashboard sends the browser's. */
  timeZone?: string;
}

/** POST /api/auth/password: the signed-in user's own password. */
export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** GET /api/practice and PATCH /api/practice: the signed-in user's practice and its settings. */
export interface PracticeSettings {
  id: string;
  name: string;
  /** IANA time zone: what "today" means for the practice's dates. */
  timeZone: string;
  version: number;
}

/** PATCH /api/practice (admins), at least one field. */
export interface PracticeChanges {
  name?: string;
  timeZone?: string;
}
