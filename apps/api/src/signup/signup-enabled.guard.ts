import { CanActivate, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { AppConfig } from '../config/app-config.js';

/**
 * Refuses sign-up when ALLOW_SIGNUP=false. A guard (not a check in the service) so the refusal comes before body
 * validation: a disabled server answers 403 to every sign-up attempt, valid or not.
 */
@Injectable()
export class SignupEnabledGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.ALLOW_SIGNUP) throw new AppError('forbidden', 'Sign-up is disabled on this server');
    return true;
  }
}
