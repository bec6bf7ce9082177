import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { StaffDetail } from './StaffDetail';
import { StaffEdit } from './StaffEdit';
import { StaffImport } from './StaffImport';
import { StaffList } from './StaffList';
import { StaffTransfer } from './StaffTransfer';
import './staff.css';

/** Staff records (人事档案): list, detail, edit, import. Mounted at /staff/*. */
export default function StaffFeature() {
  return (
    <Routes>
      <Route index element={<StaffList />} />
      <Route path="new" element={<StaffEdit />} />
      <Route path="import" element={<StaffImport />} />
      <Route path=":staffId" element={<StaffDetail />} />
      <Route path=":staffId/edit" element={<StaffEdit />} />
      <Route path=":staffId/transfer" element={<StaffTransfer />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
