import * as v from 'valibot'
import { RecordId } from '../../kernel/commands/inputs.ts'

// The write bodies are the commands' (kernel/commands/inputs.ts).
export const PostRehabParams = v.object({ province: v.string(), recordId: RecordId })
