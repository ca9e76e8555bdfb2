import { z } from 'zod';

// Generic zod messages (wrong type, unknown key …) in Simplified Chinese; our own
// schemas add field-specific Chinese messages on top.
z.config(z.locales.zhCN());
