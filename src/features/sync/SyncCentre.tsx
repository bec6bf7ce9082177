import { Route, Routes } from 'react-router';
import { EditAndResend } from './EditAndResend';
import { SyncOverview } from './SyncOverview';
import './sync.css';

/** The sync centre: what waits, what the server refused, what a conflict overwrote, and files of pending changes. */
export default function SyncCentre() {
  return (
    <Routes>
      <Route index element={<SyncOverview />} />
      <Route path="rejected/:entryId" element={<EditAndResend />} />
    </Routes>
  );
}
