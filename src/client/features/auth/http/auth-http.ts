import {
  loginResponseSchema,
  type LoginRequest,
  type LoginResponse,
} from '../../../../shared/auth/auth-protocol';
import { request, requestNoContent, type ApiConfig } from '../../../lib/http/api-client';

export async function login(config: ApiConfig, body: LoginRequest): Promise<LoginResponse> {
  return request(config, 'POST', '/api/auth/login', null, body, loginResponseSchema);
}

/** Ends the token's session on the server: it is refused from then on. */
export async function logout(config: ApiConfig, token: string): Promise<void> {
  return requestNoContent(config, 'POST', '/api/auth/logout', token);
}
