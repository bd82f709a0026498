import { vi } from 'vitest';

vi.mock('electron', () => ({}));
