import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { SiteEditor } from './SiteEditor';
import { SiteList } from './SiteList';
import './sites.css';

/** Sites and posts: A/B holders, shift templates, site rules. Mounted at /sites/*. */
export default function SitesFeature() {
  return (
    <Routes>
      <Route index element={<SiteList />} />
      <Route path=":siteId" element={<SiteEditor />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
