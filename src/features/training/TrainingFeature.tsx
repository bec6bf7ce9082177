import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, Route, Routes } from 'react-router';
import { BankPage, BanksPage } from './BanksPage';
import { CertificatePrintPage, CertificatesPage } from './CertificatesPage';
import { CourseEditPage, CoursesPage } from './CoursesPage';
import { ExamFormPage } from './ExamFormPage';
import { ExamPage, ExamsPage } from './ExamPage';
import { ImportQuestionsPage } from './ImportQuestionsPage';
import { MarkingPage } from './MarkingPage';
import { OverviewPage } from './OverviewPage';
import { RecordsPage } from './RecordsPage';
import { ScoreGridPage } from './ScoreGridPage';
import { SessionFormPage } from './SessionFormPage';
import { SessionPage, SessionsPage } from './SessionPage';
import { TakeExamPage } from './TakeExamPage';
import './training.css';

const TABS = [
  ['', 'overview'],
  ['sessions', 'sessions'],
  ['exams', 'exams'],
  ['courses', 'courses'],
  ['banks', 'banks'],
  ['certificates', 'certificates'],
  ['records', 'records'],
] as const;

function TrainingLayout() {
  const { t } = useTranslation();
  return (
    <div className="training">
      <nav className="training-tabs" aria-label={t('training.tabs.label')}>
        {TABS.map(([path, key]) => (
          <NavLink key={key} to={`/training${path ? `/${path}` : ''}`} end={path === ''}>
            {t(`training.tabs.${key}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

/** Training and exams: courses, sessions with attendance, the score grid, tablet exams, certificates and records. */
export default function TrainingFeature() {
  return (
    <Routes>
      {/* The exam kiosk fills the screen: a trainee sees nothing but the exam. */}
      <Route path="take/:examId" element={<TakeExamPage />} />
      <Route element={<TrainingLayout />}>
        <Route index element={<OverviewPage />} />
        <Route path="sessions" element={<SessionsPage />} />
        <Route path="sessions/new" element={<SessionFormPage />} />
        <Route path="sessions/:sessionId" element={<SessionPage />} />
        <Route path="sessions/:sessionId/edit" element={<SessionFormPage />} />
        <Route path="sessions/:sessionId/scores" element={<ScoreGridPage />} />
        <Route path="exams" element={<ExamsPage />} />
        <Route path="exams/new" element={<ExamFormPage />} />
        <Route path="exams/:examId" element={<ExamPage />} />
        <Route path="results/:resultId/mark" element={<MarkingPage />} />
        <Route path="courses" element={<CoursesPage />} />
        <Route path="courses/new" element={<CourseEditPage />} />
        <Route path="courses/:courseId" element={<CourseEditPage />} />
        <Route path="banks" element={<BanksPage />} />
        <Route path="banks/import" element={<ImportQuestionsPage />} />
        <Route path="banks/:bankId" element={<BankPage />} />
        <Route path="certificates" element={<CertificatesPage />} />
        <Route path="certificates/:certificateId" element={<CertificatePrintPage />} />
        <Route path="records" element={<RecordsPage />} />
      </Route>
    </Routes>
  );
}
