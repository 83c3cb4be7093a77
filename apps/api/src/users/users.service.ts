import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { PasswordStrength } from '../auth/password-strength.js';
import { hashPassword } from '../auth/passwords.js';
import { SessionsService } from '../auth/sessions.service.js';
import { AppError } from '../common/app-error.js';
import { staleVersion } from '../common/if-match.js';
import { decodeCursor, Page, toPage } from '../common/pagination.js';
import type { StaffActor } from '../common/request-context.js';
import type { Tx } from '../database/prisma.service.js';
import type { CreateUserDto, UpdateUserDto, UserDto, UserListQueryDto } from './dto/user.dto.js';
import { UserFields, UserRecord, UsersRepository } from './users.repository.js';
import { Transactions } from '../database/transactions.js';

export function toUserDto(u: UserRecord): UserDto {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    active: u.active,
    passwordChangedAt: u.passwordChangedAt.toISOString(),
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    version: u.version,
  };
}

/** Staff accounts of the admin's own practice. Admin actions are audited (resourceType 'user'), never patient data. */
@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly passwords: PasswordStrength,
  ) {}

  private async require(practiceId: string, userId: string, tx?: Tx): Promise<UserRecord> {
    const user = await this.users.find(practiceId, userId, tx);
    if (!user) throw new AppError('not_found', 'No such user in your practice.');
    return user;
  }

  async list(actor: StaffActor, query: UserListQueryDto): Promise<Page<UserDto>> {
    const rows = await this.users.list(actor.practiceId, decodeCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, (r) => r.createdAt, toUserDto);
  }

  async create(actor: StaffActor, body: CreateUserDto): Promise<UserDto> {
    await this.passwords.assertStrong(body.password, { email: body.email, names: [body.name] }, 'password');
    const passwordHash = await hashPassword(body.password);
    const id = randomUUID();
    return this.transactions.run(async (tx) => {
      const user = await this.users.create(actor.practiceId, { id, name: body.name, email: body.email, role: body.role, passwordHash }, tx);
      await this.audit.record({ action: 'create', resourceType: 'user', resourceId: id }, tx);
      return toUserDto(user);
    });
  }

  /**
   * Renames, changes the role, (de)activates or sets a new password, at the version the admin read. Deactivation
   * and a new password end the user's sessions at once. An admin cannot demote or deactivate themself, and no
   * change may leave the practice without an active admin (role and activation changes of a practice are
   * serialised, so two admins demoting each other at the same moment cannot both succeed).
   */
  async update(actor: StaffActor, userId: string, expectedVersion: number, changes: UpdateUserDto): Promise<UserDto> {
    if (userId === actor.userId && changes.active === false) {
      throw new AppError('conflict', 'You cannot deactivate your own account: ask another admin to do it.');
    }
    if (userId === actor.userId && changes.role !== undefined && changes.role !== 'admin') {
      throw new AppError('conflict', 'You cannot remove your own admin role: ask another admin to do it, so the practice always keeps an admin.');
    }
    const data: UserFields = { name: changes.name, role: changes.role, active: changes.active };
    if (changes.password !== undefined) {
      // Checked against the account's own email and name (its new name too, when renamed at once); another
      // practice's user is a 404 before anything is said about the password.
      const target = await this.require(actor.practiceId, userId);
      await this.passwords.assertStrong(changes.password, { email: target.email, names: [target.name, changes.name] }, 'password');
      data.passwordHash = await hashPassword(changes.password);
      data.passwordChangedAt = new Date();
    }
    const changesAdmins = changes.role !== undefined || changes.active !== undefined;
    const user = await this.transactions.run(async (tx) => {
      if (changesAdmins) await this.users.lockPractice(actor.practiceId, tx);
      // Existence first: another practice's user is a 404 whatever the body says.
      const current = await this.require(actor.practiceId, userId, tx);
      if (Object.values(changes).every((value) => value === undefined)) throw new AppError('validation_failed', 'Send at least one field to change.');
      if (current.version !== expectedVersion) throw staleVersion(current.version);
      if (!(await this.users.updateAtVersion(actor.practiceId, userId, expectedVersion, data, tx))) {
        throw staleVersion((await this.require(actor.practiceId, userId, tx)).version);
      }
      if (changesAdmins && (await this.users.countActiveAdmins(actor.practiceId, tx)) === 0) {
        throw new AppError('conflict', 'This would leave the practice without an active admin: make someone else admin first.');
      }
      await this.audit.record({ action: 'update', resourceType: 'user', resourceId: userId }, tx);
      return this.require(actor.practiceId, userId, tx);
    });
    // After the commit: signed-in devices of a deactivated user, or of one whose password changed, are signed out.
    if (changes.active === false || changes.password !== undefined) await this.sessions.endAllForUser(userId);
    return toUserDto(user);
  }
}
