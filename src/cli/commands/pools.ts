import type { RegisterCommand } from './index.js';
export const registerPools: RegisterCommand = () => undefined;
