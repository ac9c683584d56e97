import {
  loginResponseSchema,
  type LoginRequest,
  type LoginResponse,
} from '../../../../shared/sync/sync-protocol';
import { request, type ApiConfig } from '../../../lib/http/api-client';

export async function login(config: ApiConfig, body: LoginRequest): Promise<LoginResponse> {
  return request(config, 'POST', '/api/auth/login', null, body, loginResponseSchema);
}
