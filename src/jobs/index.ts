// Every job definition, registered on import. Import this module wherever jobs may run or be enqueued.
import './certificate'
import './email'

export { enqueue, jobTransport, setJobTransport } from './queue'
